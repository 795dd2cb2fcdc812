export function actionsVersion(): string;
export function writeReleaseTree(target: string): string;
