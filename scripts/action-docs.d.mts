export function renderActionDocs(actionYml: string): string;
export function updateReadme(readme: string | undefined, actionYml: string, title: string): string;
export function actionDirs(): string[];
