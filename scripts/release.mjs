// Release the actions the way changesets/action does: dist/ is not committed on main; a release
// commit adds the bundles, is tagged vX.Y.Z, and the major tag (v1) moves to it.
//   node scripts/release.mjs tree <dir>     write the release tree (tracked files + bundles) into <dir>
//   node scripts/release.mjs tag [--push]   make the release commit and tags in this clone (CI only)
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { actionDirs } from './action-docs.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const git = (args, options = {}) => execFileSync('git', args, { cwd: root, encoding: 'utf8', ...options }).trim();

/** The version shared by the actions (they are versioned together, see .changeset/config.json). */
export function actionsVersion() {
  const versions = new Set(
    actionDirs().map((dir) => JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version),
  );
  if (versions.size !== 1) throw new Error(`the actions disagree on their version: ${[...versions].join(', ')}`);
  return [...versions][0];
}

function assertBundlesBuilt() {
  for (const dir of actionDirs()) {
    const bundle = path.join(dir, 'dist/index.js');
    if (!existsSync(bundle)) throw new Error(`${path.relative(root, bundle)} is missing: run pnpm build first`);
  }
}

/** Tracked files at HEAD plus each action's dist/, as the release commit will hold them. */
export function writeReleaseTree(target) {
  assertBundlesBuilt();
  mkdirSync(target, { recursive: true });
  const archive = execFileSync('git', ['archive', '--format=tar', 'HEAD'], { cwd: root, maxBuffer: 1 << 30 });
  execFileSync('tar', ['-x', '-C', target], { input: archive });
  for (const dir of actionDirs()) {
    cpSync(path.join(dir, 'dist'), path.join(target, path.relative(root, dir), 'dist'), { recursive: true });
  }
  return target;
}

function tagRelease(push) {
  assertBundlesBuilt();
  const version = actionsVersion();
  const tag = `v${version}`;
  const major = `v${version.split('.')[0]}`;
  if (git(['tag', '--list', tag])) {
    console.log(`${tag} already exists; nothing to release`);
    return;
  }
  git(['checkout', '--detach']);
  git(['add', '--force', ...actionDirs().map((dir) => path.join(path.relative(root, dir), 'dist'))]);
  git(['commit', '--quiet', '-m', `Release ${tag}: bundled actions`]);
  git(['tag', '-a', tag, '-m', `Circuitboard actions ${tag}`]);
  git(['tag', '--force', major]);
  console.log(`tagged ${tag} and moved ${major} to ${git(['rev-parse', 'HEAD'])}`);
  if (push) {
    const remote = process.env.RELEASE_REMOTE;
    if (!remote)
      throw new Error('RELEASE_REMOTE is not set: give the authenticated remote URL through the environment');
    execFileSync('git', ['push', remote, `refs/tags/${tag}`], { cwd: root, stdio: 'inherit' });
    execFileSync('git', ['push', '--force', remote, `refs/tags/${major}`], { cwd: root, stdio: 'inherit' });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [command, arg] = process.argv.slice(2);
  try {
    if (command === 'tree' && arg) console.log(writeReleaseTree(path.resolve(arg)));
    else if (command === 'tag') tagRelease(process.argv.includes('--push'));
    else {
      console.error('usage: node scripts/release.mjs tree <dir> | tag [--push]');
      process.exitCode = 2;
    }
  } catch (error) {
    console.error(`release: ${error.message}`);
    process.exitCode = 1;
  }
}
