import { libraryConfig } from '../../tsup.shared.ts';

export default libraryConfig({
  index: 'src/index.ts',
  sync: 'src/sync/index.ts',
  proposal: 'src/proposal/index.ts',
});
