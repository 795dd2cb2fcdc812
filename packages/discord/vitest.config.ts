import { mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

// No wall-clock limit decides a verdict here: the work is bounded by counts and a virtual clock (issue 12).
export default mergeConfig(shared, { test: { testTimeout: 0, hookTimeout: 0 } });
