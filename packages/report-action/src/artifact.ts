// Loaded with import() only when a run uploads: @actions/artifact and its Azure storage client are more than
// half of the action's code, and most runs' cold start (and every failed input check) never needs them.
import { DefaultArtifactClient } from '@actions/artifact';

export async function uploadArtifact(name: string, files: string[], rootDirectory: string): Promise<void> {
  await new DefaultArtifactClient().uploadArtifact(name, files, rootDirectory);
}
