import { actionConfig } from '../../tsup.shared.ts';

export default actionConfig();
