import { libraryConfig } from '../../tsup.shared.ts';

export default libraryConfig({ index: 'src/index.ts', bin: 'src/bin.ts' });
