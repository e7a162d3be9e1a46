/**
 * A small typed schema language. One schema value gives three things: the TypeScript type of the
 * parsed data (`Infer<S>`), validation with messages that name the field path, the value and the
 * allowed range, and the documentation table (`describe`). UI slider ranges live on number nodes.
 *
 * Validation never throws: it collects every problem so a bad file is refused as a whole with all
 * its faults listed.
 */

export interface Problem {
  /** Dotted field path, e.g. `mixture.D` or `boundaries.left.heat.type`. */
  path: string;
  message: string;
}

/** Slider hints for the page: a range inside the allowed one, and whether it spans decades. */
export interface UiRange {
  min: number;
  max: number;
  log?: boolean;
  step?: number;
}

interface NodeBase<T> {
  readonly doc: string;
  /** Parses `value` found at `path`; pushes problems and returns undefined on failure. */
  parse(value: unknown, path: string, problems: Problem[]): T | undefined;
  /** Human-readable allowed values, used in docs and in messages. */
  readonly allowed: string;
  readonly _type?: T;
}

export interface NumberNode extends NodeBase<number> {
  readonly kind: 'number';
  readonly min?: number;
  readonly max?: number;
  readonly exclusiveMin: boolean;
  readonly exclusiveMax: boolean;
  readonly integer: boolean;
  readonly unit: string;
  readonly ui?: UiRange;
}
export interface BoolNode extends NodeBase<boolean> {
  readonly kind: 'boolean';
}
export interface StringNode extends NodeBase<string> {
  readonly kind: 'string';
  readonly maxLength: number;
}
export interface LiteralNode<L extends string | number> extends NodeBase<L> {
  readonly kind: 'literal';
  readonly values: readonly L[];
}
export interface ArrayNode<T> extends NodeBase<T[]> {
  readonly kind: 'array';
  readonly item: AnyNode;
  readonly minItems: number;
  readonly maxItems: number;
}
export interface TupleNode<T> extends NodeBase<T> {
  readonly kind: 'tuple';
  readonly items: readonly AnyNode[];
}
export interface ObjectNode<T> extends NodeBase<T> {
  readonly kind: 'object';
  readonly fields: Readonly<Record<string, Field>>;
}
/** A union chosen by the `type` key of an object (walls, region shapes). */
export interface TaggedNode<T> extends NodeBase<T> {
  readonly kind: 'tagged';
  readonly tag: string;
  readonly variants: Readonly<Record<string, ObjectNode<unknown>>>;
}
/** A union of alternatives tried in order (e.g. `"auto" | seconds`). */
export interface EitherNode<T> extends NodeBase<T> {
  readonly kind: 'either';
  readonly options: readonly AnyNode[];
}

export type AnyNode =
  | NumberNode
  | BoolNode
  | StringNode
  | LiteralNode<string | number>
  | ArrayNode<unknown>
  | TupleNode<unknown>
  | ObjectNode<unknown>
  | TaggedNode<unknown>
  | EitherNode<unknown>;

export interface Field {
  readonly node: AnyNode;
  readonly required: boolean;
  readonly default?: unknown;
}

export type Infer<N> = N extends NodeBase<infer T> ? T : never;

function fmt(v: unknown): string {
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === undefined) return 'missing';
  try {
    const s = JSON.stringify(v);
    return s.length > 60 ? s.slice(0, 57) + '...' : s;
  } catch {
    return String(v);
  }
}

export interface NumberOptions {
  min?: number;
  max?: number;
  exclusiveMin?: boolean;
  exclusiveMax?: boolean;
  integer?: boolean;
  unit?: string;
  ui?: UiRange;
}

function rangeText(o: NumberOptions): string {
  const parts: string[] = [];
  if (o.min !== undefined) parts.push(`${o.exclusiveMin ? '>' : '>='} ${o.min}`);
  if (o.max !== undefined) parts.push(`${o.exclusiveMax ? '<' : '<='} ${o.max}`);
  return parts.join(' and ');
}

export function num(doc: string, o: NumberOptions = {}): NumberNode {
  const kindText = o.integer ? 'an integer' : 'a finite number';
  const range = rangeText(o);
  const unit = o.unit ?? '';
  const allowed = `${kindText}${range ? ' ' + range : ''}${unit ? ` (${unit})` : ''}`;
  return {
    kind: 'number',
    doc,
    allowed,
    min: o.min,
    max: o.max,
    exclusiveMin: o.exclusiveMin ?? false,
    exclusiveMax: o.exclusiveMax ?? false,
    integer: o.integer ?? false,
    unit,
    ui: o.ui,
    parse(value, path, problems) {
      const bad = () => {
        problems.push({ path, message: `${path}: ${fmt(value)} must be ${allowed}` });
        return undefined;
      };
      if (typeof value !== 'number' || !Number.isFinite(value)) return bad();
      if (o.integer && !Number.isInteger(value)) return bad();
      if (o.min !== undefined && (o.exclusiveMin ? value <= o.min : value < o.min)) return bad();
      if (o.max !== undefined && (o.exclusiveMax ? value >= o.max : value > o.max)) return bad();
      return value;
    },
  };
}

export function int(doc: string, o: Omit<NumberOptions, 'integer'> = {}): NumberNode {
  return num(doc, { ...o, integer: true });
}

export function bool(doc: string): BoolNode {
  return {
    kind: 'boolean',
    doc,
    allowed: 'true or false',
    parse(value, path, problems) {
      if (typeof value === 'boolean') return value;
      problems.push({ path, message: `${path}: ${fmt(value)} must be true or false` });
      return undefined;
    },
  };
}

export function str(doc: string, maxLength = 2000): StringNode {
  return {
    kind: 'string',
    doc,
    maxLength,
    allowed: `a string of at most ${maxLength} characters`,
    parse(value, path, problems) {
      if (typeof value === 'string' && value.length <= maxLength) return value;
      problems.push({ path, message: `${path}: ${fmt(value)} must be a string of at most ${maxLength} characters` });
      return undefined;
    },
  };
}

export function literal<const L extends string | number>(doc: string, values: readonly L[]): LiteralNode<L> {
  const allowed = `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
  return {
    kind: 'literal',
    doc,
    values,
    allowed,
    parse(value, path, problems) {
      if ((values as readonly unknown[]).includes(value)) return value as L;
      problems.push({ path, message: `${path}: ${fmt(value)} must be ${allowed}` });
      return undefined;
    },
  };
}

export function array<N extends AnyNode>(
  doc: string,
  item: N,
  o: { minItems?: number; maxItems?: number } = {},
): ArrayNode<Infer<N>> {
  const minItems = o.minItems ?? 0;
  const maxItems = o.maxItems ?? 1000;
  const allowed = `a list of ${minItems}..${maxItems} items`;
  return {
    kind: 'array',
    doc,
    item,
    minItems,
    maxItems,
    allowed,
    parse(value, path, problems) {
      if (!Array.isArray(value) || value.length < minItems || value.length > maxItems) {
        problems.push({ path, message: `${path}: ${fmt(value)} must be ${allowed}` });
        return undefined;
      }
      const out: Infer<N>[] = [];
      let ok = true;
      value.forEach((v, i) => {
        const r = item.parse(v, `${path}[${i}]`, problems);
        if (r === undefined) ok = false;
        else out.push(r as Infer<N>);
      });
      return ok ? out : undefined;
    },
  };
}

type InferTuple<T extends readonly AnyNode[]> = { -readonly [K in keyof T]: Infer<T[K]> };

export function tuple<const T extends readonly AnyNode[]>(doc: string, items: T): TupleNode<InferTuple<T>> {
  const allowed = `a list of exactly ${items.length} items: ${items.map((n) => n.allowed).join('; ')}`;
  return {
    kind: 'tuple',
    doc,
    items,
    allowed,
    parse(value, path, problems) {
      if (!Array.isArray(value) || value.length !== items.length) {
        problems.push({ path, message: `${path}: ${fmt(value)} must be a list of exactly ${items.length} items` });
        return undefined;
      }
      const out: unknown[] = [];
      let ok = true;
      items.forEach((n, i) => {
        const r = n.parse(value[i], `${path}[${i}]`, problems);
        if (r === undefined) ok = false;
        out.push(r);
      });
      return ok ? (out as InferTuple<T>) : undefined;
    },
  };
}

/** A required field. */
export function req<N extends AnyNode>(node: N): { node: N; required: true } {
  return { node, required: true };
}
/** An optional field; with a default, the parsed object always has it. */
export function opt<N extends AnyNode>(node: N): { node: N; required: false };
export function opt<N extends AnyNode>(node: N, dflt: Infer<N>): { node: N; required: false; default: Infer<N> };
export function opt<N extends AnyNode>(node: N, dflt?: Infer<N>): Field {
  return dflt === undefined ? { node, required: false } : { node, required: false, default: dflt };
}

type FieldSpec = { node: AnyNode; required: boolean; default?: unknown };
type RequiredKeys<F> = {
  [K in keyof F]: F[K] extends { required: true } ? K : F[K] extends { default: unknown } ? K : never;
}[keyof F];
type OptionalKeys<F> = Exclude<keyof F, RequiredKeys<F>>;
type InferObject<F extends Record<string, FieldSpec>> = {
  [K in RequiredKeys<F>]: Infer<F[K]['node']>;
} & { [K in OptionalKeys<F>]?: Infer<F[K]['node']> };
type Flatten<T> = { [K in keyof T]: T[K] };

/** Keys allowed in any object besides its fields (editor hints). */
const IGNORED_KEYS = new Set(['$schema']);

export function obj<const F extends Record<string, FieldSpec>>(doc: string, fields: F): ObjectNode<Flatten<InferObject<F>>> {
  const names = Object.keys(fields);
  return {
    kind: 'object',
    doc,
    fields: fields as Record<string, Field>,
    allowed: `an object with keys ${names.join(', ')}`,
    parse(value, path, problems) {
      const where = path || 'scenario';
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        problems.push({ path: where, message: `${where}: ${fmt(value)} must be an object with keys ${names.join(', ')}` });
        return undefined;
      }
      const record = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      let ok = true;
      for (const key of Object.keys(record)) {
        // Own keys only: `in` would take __proto__, constructor or toString as fields.
        if (!Object.hasOwn(fields, key) && !IGNORED_KEYS.has(key)) {
          const p = path ? `${path}.${key}` : key;
          problems.push({
            path: p,
            message: names.length
              ? `${p}: unknown key; allowed keys here are ${names.join(', ')}`
              : `${p}: unknown key; ${path || 'this object'} takes no other keys here`,
          });
          ok = false;
        }
      }
      for (const key of names) {
        const f = fields[key];
        const p = path ? `${path}.${key}` : key;
        if (!(key in record) || record[key] === undefined) {
          if (f.required) {
            problems.push({ path: p, message: `${p}: missing; must be ${f.node.allowed}` });
            ok = false;
          } else if (f.default !== undefined) {
            out[key] = structuredClone(f.default);
          }
          continue;
        }
        const r = f.node.parse(record[key], p, problems);
        if (r === undefined) ok = false;
        else out[key] = r;
      }
      return ok ? (out as Flatten<InferObject<F>>) : undefined;
    },
  };
}

type InferTagged<V extends Record<string, ObjectNode<unknown>>, Tag extends string> = {
  [K in keyof V]: Flatten<{ [P in Tag]: K } & Infer<V[K]>>;
}[keyof V];

/**
 * A union of object shapes chosen by `tag` (e.g. `{"type": "temperature", "value": 300}`).
 * Variant field sets do not include the tag; it is added to the parsed value.
 */
export function tagged<const Tag extends string, const V extends Record<string, ObjectNode<unknown>>>(
  doc: string,
  tag: Tag,
  variants: V,
): TaggedNode<InferTagged<V, Tag>> {
  const names = Object.keys(variants);
  const allowed = `an object whose "${tag}" is one of ${names.map((n) => JSON.stringify(n)).join(', ')}`;
  return {
    kind: 'tagged',
    doc,
    tag,
    variants,
    allowed,
    parse(value, path, problems) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        problems.push({ path, message: `${path}: ${fmt(value)} must be ${allowed}` });
        return undefined;
      }
      const record = value as Record<string, unknown>;
      const t = record[tag];
      const p = `${path}.${tag}`;
      if (typeof t !== 'string' || !Object.hasOwn(variants, t)) {
        const what = t === undefined ? 'missing' : fmt(t);
        problems.push({ path: p, message: `${p}: ${what}; must be one of ${names.map((n) => JSON.stringify(n)).join(', ')}` });
        return undefined;
      }
      const { [tag]: _, ...rest } = record;
      const r = variants[t].parse(rest, path, problems);
      return r === undefined ? undefined : ({ [tag]: t, ...(r as object) } as InferTagged<V, Tag>);
    },
  };
}

export function either<const T extends readonly AnyNode[]>(doc: string, options: T): EitherNode<Infer<T[number]>> {
  const allowed = options.map((o) => o.allowed).join(', or ');
  return {
    kind: 'either',
    doc,
    options,
    allowed,
    parse(value, path, problems) {
      for (const o of options) {
        const scratch: Problem[] = [];
        const r = o.parse(value, path, scratch);
        if (r !== undefined) return r as Infer<T[number]>;
      }
      problems.push({ path, message: `${path}: ${fmt(value)} must be ${allowed}` });
      return undefined;
    },
  };
}

/** One row of the documentation table. */
export interface DocRow {
  path: string;
  required: boolean;
  allowed: string;
  default?: string;
  doc: string;
}

/** Flattens a schema into documentation rows (paths use `[]` for list items, `<type>` for variants). */
export function describe(node: AnyNode, path = '', required = true, dflt?: unknown): DocRow[] {
  const rows: DocRow[] = [];
  const here = (allowed: string) =>
    path
      ? rows.push({
          path,
          required,
          allowed,
          default: dflt === undefined ? undefined : JSON.stringify(dflt),
          doc: node.doc,
        })
      : 0;
  switch (node.kind) {
    case 'object':
      here('object');
      for (const [k, f] of Object.entries(node.fields)) {
        rows.push(...describe(f.node, path ? `${path}.${k}` : k, f.required, f.default));
      }
      break;
    case 'tagged':
      here(node.allowed);
      for (const [name, v] of Object.entries(node.variants)) {
        for (const [k, f] of Object.entries(v.fields)) {
          rows.push(...describe(f.node, `${path}{${node.tag}=${name}}.${k}`, f.required, f.default));
        }
      }
      break;
    case 'array':
      here(node.allowed);
      if (node.item.kind === 'object' || node.item.kind === 'tagged') rows.push(...describe(node.item, `${path}[]`, true));
      break;
    default:
      here(node.allowed);
  }
  return rows;
}

/** Finds the node at a dotted path (`mixture.D`), for `--set` and the page's `set()`. */
export function nodeAt(root: AnyNode, path: string): AnyNode | undefined {
  let node: AnyNode | undefined = root;
  for (const part of path.split('.')) {
    if (!node) return undefined;
    if (node.kind === 'object') node = Object.hasOwn(node.fields, part) ? node.fields[part].node : undefined;
    else return undefined;
  }
  return node;
}
