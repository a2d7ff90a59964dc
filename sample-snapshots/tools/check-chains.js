#!/usr/bin/env node
'use strict';
// Verifies every scenario's expected.json against its committed snapshots.
//
//   node tools/check-chains.js [SCENARIO_DIR ...]     (default: every folder with an expected.json)
//
// For each scenario it
//   1. finds the leaked objects of the three-snapshot technique: instances of `leakingClass` in
//      final.heapsnapshot.gz whose ids are absent from baseline and present in target (allocated in
//      load round 1 and still alive after round 2), and checks that their number is close to
//      `leakedPerRound`;
//   2. runs a breadth-first search from node 0 over all edges except `weak` ones, takes the shortest
//      path to the nearest leaked object, prints it, and checks that `retainerChain` occurs along it in
//      order (as a subsequence; the last chain entry must be the leaked object itself);
//   3. reports how many of all leaked objects have a shortest path that matches the chain;
//   4. for the control scenario (`leakingClass: null`), checks that no class keeps a meaningful number
//      of round-1 objects alive (VM classes such as "(compiled code)" excepted: the JIT keeps working).
// Exits 1 on any mismatch.
//
// Class names: the node's DevTools class name is taken from the `--nodes` golden
// (`final.devtools.json.gz`, rows [id, type, name, className, ...]) when it exists, because DevTools
// renames plain objects after their properties ("{a, b, c}"). Without the golden a simple rule is
// used (object/native: name, closure: Function, hidden: (system), code: (compiled code), ...), and a
// warning is printed.
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const ROOT = path.resolve(__dirname, '..');
const COUNT_TOLERANCE = 0.05; // leaked count may differ from leakedPerRound by 5 % (at least 5 objects)
const MATCH_SHARE = 0.9; // share of leaked objects whose own shortest path must match the chain
const HEALTHY_LIMIT = 50; // the control may keep fewer than this many round-1 objects of any class
// V8 keeps compiling and optimising during the load rounds, so code, feedback and shape objects made in
// round 1 legitimately survive in every scenario; the control check ignores these VM classes.
const VM_NOISE_CLASSES = new Set(['(compiled code)', '(system)', '(object shape)']);

function readJsonGz(file) {
  return JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8'));
}

/** Flat, read-only view over one parsed snapshot, with field offsets taken from snapshot.meta. */
class Snapshot {
  constructor(file) {
    this.file = file;
    const raw = readJsonGz(file);
    const meta = raw.snapshot.meta;
    this.nodes = raw.nodes;
    this.edges = raw.edges;
    this.strings = raw.strings;
    this.nodeFieldCount = meta.node_fields.length;
    this.edgeFieldCount = meta.edge_fields.length;
    this.typeOffset = meta.node_fields.indexOf('type');
    this.nameOffset = meta.node_fields.indexOf('name');
    this.idOffset = meta.node_fields.indexOf('id');
    this.edgeCountOffset = meta.node_fields.indexOf('edge_count');
    this.nodeTypes = meta.node_types[this.typeOffset];
    this.edgeTypeOffset = meta.edge_fields.indexOf('type');
    this.edgeNameOffset = meta.edge_fields.indexOf('name_or_index');
    this.edgeToOffset = meta.edge_fields.indexOf('to_node');
    this.edgeTypes = meta.edge_types[this.edgeTypeOffset];
    this.weakType = this.edgeTypes.indexOf('weak');
    this.numericNameTypes = new Set(['element', 'hidden'].map((t) => this.edgeTypes.indexOf(t)));
    this.nodeCount = this.nodes.length / this.nodeFieldCount;
    if (!Number.isInteger(this.nodeCount)) throw new Error(`${file}: nodes length is not a multiple of ${this.nodeFieldCount}`);

    // firstEdge[i] = index into `edges` of node i's first edge; edges are grouped by owner in node order.
    this.firstEdge = new Uint32Array(this.nodeCount + 1);
    let edgeIndex = 0;
    for (let i = 0; i < this.nodeCount; i++) {
      this.firstEdge[i] = edgeIndex;
      edgeIndex += this.nodes[i * this.nodeFieldCount + this.edgeCountOffset] * this.edgeFieldCount;
    }
    this.firstEdge[this.nodeCount] = edgeIndex;
    if (edgeIndex !== this.edges.length) throw new Error(`${file}: edge counts add up to ${edgeIndex / this.edgeFieldCount}, edges hold ${this.edges.length / this.edgeFieldCount}`);
    this.classNames = null;
  }

  id(ordinal) { return this.nodes[ordinal * this.nodeFieldCount + this.idOffset]; }
  type(ordinal) { return this.nodeTypes[this.nodes[ordinal * this.nodeFieldCount + this.typeOffset]]; }
  name(ordinal) { return this.strings[this.nodes[ordinal * this.nodeFieldCount + this.nameOffset]]; }

  className(ordinal) {
    if (this.classNames) {
      const name = this.classNames.get(this.id(ordinal));
      if (name !== undefined) return name;
    }
    switch (this.type(ordinal)) {
      case 'object':
      case 'native': return this.name(ordinal);
      case 'hidden': return '(system)';
      case 'code': return '(compiled code)';
      case 'closure': return 'Function';
      case 'regexp': return 'RegExp';
      default: return `(${this.type(ordinal)})`;
    }
  }

  /** Uses DevTools' class names from a `--nodes` golden of this very snapshot. */
  useGoldenClassNames(golden) {
    this.classNames = new Map();
    for (const row of golden.nodes) this.classNames.set(row[0], row[3]);
  }

  idSet() {
    const ids = new Set();
    for (let i = 0; i < this.nodeCount; i++) ids.add(this.id(i));
    return ids;
  }

  edgeName(edgeIndex) {
    const type = this.edges[edgeIndex + this.edgeTypeOffset];
    const nameOrIndex = this.edges[edgeIndex + this.edgeNameOffset];
    return this.numericNameTypes.has(type) ? nameOrIndex : this.strings[nameOrIndex];
  }

  /** BFS from node 0 over non-weak edges; returns the ordinal depth and the edge index that discovered each node. */
  shortestPathTree() {
    const depth = new Int32Array(this.nodeCount).fill(-1);
    const viaEdge = new Int32Array(this.nodeCount).fill(-1);
    const parent = new Int32Array(this.nodeCount).fill(-1);
    const queue = new Uint32Array(this.nodeCount);
    let head = 0;
    let tail = 0;
    depth[0] = 0;
    queue[tail++] = 0;
    while (head < tail) {
      const from = queue[head++];
      for (let e = this.firstEdge[from]; e < this.firstEdge[from + 1]; e += this.edgeFieldCount) {
        if (this.edges[e + this.edgeTypeOffset] === this.weakType) continue;
        const to = this.edges[e + this.edgeToOffset] / this.nodeFieldCount;
        if (depth[to] !== -1) continue;
        depth[to] = depth[from] + 1;
        viaEdge[to] = e;
        parent[to] = from;
        queue[tail++] = to;
      }
    }
    return { depth, viaEdge, parent };
  }

  /** Steps from the root to `ordinal`: [{edgeType, edge, className, name, id}], root first (its edge is null). */
  pathTo(tree, ordinal) {
    const steps = [];
    for (let at = ordinal; at !== -1; at = tree.parent[at]) {
      const e = tree.viaEdge[at];
      steps.push({
        edgeType: e === -1 ? null : this.edgeTypes[this.edges[e + this.edgeTypeOffset]],
        edge: e === -1 ? null : this.edgeName(e),
        className: this.className(at),
        name: this.name(at),
        id: this.id(at),
      });
    }
    return steps.reverse();
  }
}

/** True when `chain` occurs in order along `steps` and its last entry is the last step. */
function chainMatches(chain, steps) {
  if (chain.length === 0) return true;
  let at = 0;
  for (let c = 0; c < chain.length; c++) {
    const want = chain[c];
    const isLast = c === chain.length - 1;
    let found = -1;
    for (let s = at; s < steps.length; s++) {
      if (isLast && s !== steps.length - 1) continue;
      const step = steps[s];
      if (step.className === want.node && (want.edge === null || String(step.edge) === String(want.edge))) {
        found = s;
        break;
      }
    }
    if (found === -1) return false;
    at = found + 1;
  }
  return true;
}

function formatStep(step) {
  if (step.edgeType === null) return `${step.className} @${step.id}`;
  const edge = typeof step.edge === 'number' ? `[${step.edge}]` : JSON.stringify(step.edge);
  const name = step.name && step.name !== step.className ? ` "${step.name.length > 60 ? `${step.name.slice(0, 57)}...` : step.name}"` : '';
  return `--${step.edgeType} ${edge}--> ${step.className}${name} @${step.id}`;
}

function formatChain(chain) {
  return chain.map((c) => `${c.edge === null ? '*' : c.edge}:${c.node}`).join(' -> ');
}

function checkScenario(dir) {
  const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8'));
  const problems = [];
  const out = [];
  out.push(`== ${expected.scenario} (${expected.pattern}) ==`);
  if (expected.scenario !== path.basename(dir)) problems.push(`scenario field "${expected.scenario}" does not match folder ${path.basename(dir)}`);

  const baseline = new Snapshot(path.join(dir, 'baseline.heapsnapshot.gz'));
  const baselineIds = baseline.idSet();
  const targetIds = new Snapshot(path.join(dir, 'target.heapsnapshot.gz')).idSet();
  const final = new Snapshot(path.join(dir, 'final.heapsnapshot.gz'));
  const goldenFile = path.join(dir, 'final.devtools.json.gz');
  if (fs.existsSync(goldenFile)) {
    final.useGoldenClassNames(readJsonGz(goldenFile));
  } else {
    out.push(`  warning: ${path.relative(ROOT, goldenFile)} missing; using approximate class names (no "{a, b}" interface names)`);
  }

  // Round-1 survivors: allocated after baseline, alive in target and in final.
  const survivorsByClass = new Map();
  for (let i = 0; i < final.nodeCount; i++) {
    const id = final.id(i);
    if (baselineIds.has(id) || !targetIds.has(id)) continue;
    const name = final.className(i);
    let list = survivorsByClass.get(name);
    if (!list) survivorsByClass.set(name, (list = []));
    list.push(i);
  }
  const top = [...survivorsByClass].sort((a, b) => b[1].length - a[1].length).slice(0, 6);
  out.push(`  round-1 objects alive in final, top classes: ${top.map(([n, l]) => `${n} ${l.length}`).join(', ')}`);

  if (expected.leakingClass === null) {
    if (expected.leakedPerRound !== 0 || expected.retainerChain.length !== 0 || expected.pattern !== 'none') {
      problems.push('a scenario without leakingClass must have pattern "none", leakedPerRound 0 and an empty retainerChain');
    }
    for (const [name, list] of survivorsByClass) {
      if (VM_NOISE_CLASSES.has(name) || name.startsWith('system / ')) continue;
      if (list.length >= HEALTHY_LIMIT) problems.push(`control keeps ${list.length} round-1 objects of class ${name} (limit ${HEALTHY_LIMIT})`);
    }
  } else {
    const leaked = survivorsByClass.get(expected.leakingClass) || [];
    const slack = Math.max(5, Math.round(expected.leakedPerRound * COUNT_TOLERANCE));
    out.push(`  leaked ${expected.leakingClass}: ${leaked.length} (expected ${expected.leakedPerRound} +- ${slack})`);
    if (Math.abs(leaked.length - expected.leakedPerRound) > slack) {
      problems.push(`found ${leaked.length} leaked ${expected.leakingClass}, expected ${expected.leakedPerRound}`);
    }
    if (leaked.length > 0) {
      const tree = final.shortestPathTree();
      const reachable = leaked.filter((i) => tree.depth[i] >= 0);
      if (reachable.length < leaked.length) problems.push(`${leaked.length - reachable.length} leaked objects are unreachable without weak edges`);
      reachable.sort((a, b) => tree.depth[a] - tree.depth[b] || final.id(a) - final.id(b));
      const nearest = reachable[0];
      const steps = final.pathTo(tree, nearest);
      out.push(`  expected chain: ${formatChain(expected.retainerChain)}`);
      out.push(`  shortest path to nearest leaked object (${steps.length - 1} edges):`);
      for (const step of steps) out.push(`    ${formatStep(step)}`);
      if (!chainMatches(expected.retainerChain, steps)) problems.push('retainerChain does not occur along the shortest path to the nearest leaked object');
      const matching = reachable.filter((i) => chainMatches(expected.retainerChain, final.pathTo(tree, i))).length;
      const depths = reachable.map((i) => tree.depth[i]);
      out.push(`  chain matches the shortest path of ${matching}/${reachable.length} leaked objects (depth ${Math.min(...depths)}..${Math.max(...depths)})`);
      if (matching < reachable.length * MATCH_SHARE) problems.push(`chain matches only ${matching} of ${reachable.length} leaked objects`);
    }
  }
  for (const p of problems) out.push(`  MISMATCH: ${p}`);
  out.push(problems.length === 0 ? '  ok' : '  FAILED');
  console.log(out.join('\n'));
  return problems.length === 0;
}

function main() {
  const args = process.argv.slice(2);
  const dirs = args.length > 0
    ? args.map((a) => path.resolve(a))
    : fs.readdirSync(ROOT).map((d) => path.join(ROOT, d)).filter((d) => fs.existsSync(path.join(d, 'expected.json'))).sort();
  if (dirs.length === 0) {
    console.error('no scenario folders with expected.json found');
    process.exit(1);
  }
  let ok = true;
  for (const dir of dirs) {
    try {
      ok = checkScenario(dir) && ok;
    } catch (err) {
      console.log(`== ${path.basename(dir)} ==\n  ERROR: ${err.message}\n  FAILED`);
      ok = false;
    }
  }
  console.log(ok ? 'all scenarios match their expected.json' : 'some scenarios do not match their expected.json');
  process.exit(ok ? 0 : 1);
}

main();
