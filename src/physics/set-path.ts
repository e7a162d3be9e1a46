/**
 * The one dotted-path setter (the page's `onsager.set`, the command line's `--set`, the embed
 * slider): `setPath(schema, raw, 'mixture.soret', 0.01)` returns a copy of `raw` with the value
 * written at the path, or the problem naming the path and what is allowed there.
 *
 * The schema decides which paths exist: an object's own field names, a tagged union's tag and the
 * fields of its variants (the current variant's first), list indices within `maxItems` (at most
 * one past the current end) and tuple indices. Every other segment is refused, `__proto__`,
 * `constructor` and `prototype` included, so no edit can reach an object's prototype. Containers
 * created on the way are plain objects or arrays with own properties only; `raw` is never touched.
 */
import type { AnyNode, Problem } from './schema';

/** Segments refused whatever the schema says (they would reach a prototype). */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** What a segment may be at this node, for messages. */
function allowedHere(node: AnyNode, current: unknown): string {
  switch (node.kind) {
    case 'object':
      return `allowed keys here are ${Object.keys(node.fields).join(', ') || '(none)'}`;
    case 'tagged':
      return `allowed keys here are ${variantKeys(node, current).join(', ')}`;
    case 'array':
      return `allowed here: an index 0..${Math.min(node.maxItems - 1, Array.isArray(current) ? current.length : 0)}`;
    case 'tuple':
      return `allowed here: an index 0..${node.items.length - 1}`;
    default:
      return `${node.doc} is ${node.allowed}, with no fields below it`;
  }
}

function variantKeys(node: Extract<AnyNode, { kind: 'tagged' }>, current: unknown): string[] {
  const tag = isRecord(current) && typeof current[node.tag] === 'string' && Object.hasOwn(node.variants, current[node.tag] as string)
    ? (current[node.tag] as string)
    : undefined;
  const keys = new Set<string>([node.tag]);
  const order = tag ? [tag, ...Object.keys(node.variants).filter((k) => k !== tag)] : Object.keys(node.variants);
  for (const v of order) for (const k of Object.keys(node.variants[v].fields)) keys.add(k);
  return [...keys];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The schema node one segment below `node`, or undefined where the schema has no such child. */
function childNode(node: AnyNode, segment: string, current: unknown): AnyNode | undefined {
  switch (node.kind) {
    case 'object':
      return Object.hasOwn(node.fields, segment) ? node.fields[segment].node : undefined;
    case 'tagged': {
      if (segment === node.tag) return undefined; // the tag is a leaf (a string), handled by the caller
      const tag = isRecord(current) ? current[node.tag] : undefined;
      const variants = typeof tag === 'string' && Object.hasOwn(node.variants, tag) ? [node.variants[tag]] : [];
      variants.push(...Object.values(node.variants));
      for (const v of variants) if (Object.hasOwn(v.fields, segment)) return v.fields[segment].node;
      return undefined;
    }
    case 'array': {
      if (!/^(0|[1-9]\d*)$/.test(segment)) return undefined;
      const i = Number(segment);
      const len = Array.isArray(current) ? current.length : 0;
      return i < node.maxItems && i <= len ? node.item : undefined;
    }
    case 'tuple': {
      if (!/^(0|[1-9]\d*)$/.test(segment)) return undefined;
      const i = Number(segment);
      return i < node.items.length ? node.items[i] : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Whether `path` names a field of the schema (with `root` as the current value, for list lengths
 * and the tagged variants in use). Returns the problem when it does not.
 */
export function checkPath(schema: AnyNode, root: unknown, path: string): Problem | null {
  if (typeof path !== 'string' || path === '' || path.split('.').some((p) => p === '')) {
    const p = typeof path === 'string' && path ? path : '(empty)';
    return { path: p, message: `${p}: not a field path (use dots, e.g. mixture.soret)` };
  }
  const parts = path.split('.');
  let node: AnyNode = schema;
  let current: unknown = root;
  for (let k = 0; k < parts.length; k++) {
    const seg = parts[k];
    const here = parts.slice(0, k).join('.') || 'the scenario';
    if (FORBIDDEN.has(seg)) {
      return { path, message: `${path}: "${seg}" is not a field (${here}: ${allowedHere(node, current)})` };
    }
    const isTag = node.kind === 'tagged' && seg === node.tag;
    const next = isTag ? undefined : childNode(node, seg, current);
    if (isTag) {
      if (k !== parts.length - 1) return { path, message: `${path}: "${seg}" is a string with no fields below it` };
      return null;
    }
    if (!next) return { path, message: `${path}: unknown field "${seg}" (${here}: ${allowedHere(node, current)})` };
    node = next;
    current = isRecord(current) || Array.isArray(current) ? (Object.hasOwn(current, seg) ? (current as Record<string, unknown>)[seg] : undefined) : undefined;
  }
  return null;
}

/**
 * A deep copy of `root` with `value` at `path`, or the problem. Only checks the path: the caller
 * validates the result as a whole (the value's own range, the cross-field checks).
 */
export function setPath(schema: AnyNode, root: unknown, path: string, value: unknown): { ok: true; value: unknown } | { ok: false; problem: Problem } {
  const problem = checkPath(schema, root, path);
  if (problem) return { ok: false, problem };
  const copy: unknown = isRecord(root) || Array.isArray(root) ? structuredClone(root) : {};
  const parts = path.split('.');
  let at = copy as Record<string, unknown>;
  for (let k = 0; k < parts.length - 1; k++) {
    const seg = parts[k];
    const existing = Object.hasOwn(at, seg) ? at[seg] : undefined;
    if (typeof existing !== 'object' || existing === null) {
      const child = /^\d+$/.test(parts[k + 1]) ? [] : {};
      Object.defineProperty(at, seg, { value: child, writable: true, enumerable: true, configurable: true });
    }
    at = at[seg] as Record<string, unknown>;
  }
  Object.defineProperty(at, parts[parts.length - 1], { value, writable: true, enumerable: true, configurable: true });
  return { ok: true, value: copy };
}
