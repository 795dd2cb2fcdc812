#!/usr/bin/env node
import { defaultIo, runCli } from './index.ts';

process.exitCode = await runCli(process.argv.slice(2), defaultIo());
