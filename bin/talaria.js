#!/usr/bin/env node
// The published entry of the `talaria` command; the code lives in the built CLI bundle.
import '../out/main/cli.js';
