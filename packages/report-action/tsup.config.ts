import { actionConfig } from '../../tsup.shared.ts';

export default actionConfig('src/index.ts', { artifact: 'src/artifact.ts' });
