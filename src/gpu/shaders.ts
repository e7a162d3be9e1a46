/**
 * WGSL composition: a shader file may pull in another with a line `//!include name.wgsl`; each
 * file is included once. The sources themselves are loaded by the host (Vite in the page, the
 * file system in Node) and handed in as a name -> text map; generated declarations (bindings,
 * reduction slots: schema.ts) are sources too. The composed text keeps, for every line, the file
 * and line it came from, so compiler messages name the shader's own lines.
 */
export type ShaderSources = Readonly<Record<string, string>>;

/** Where a line of composed WGSL came from. */
export interface LineOrigin {
  file: string;
  /** 1-based. */
  line: number;
}

export interface ComposedShader {
  code: string;
  /** origins[k] is where line k + 1 of `code` came from. */
  origins: LineOrigin[];
}

export function composeShaderMapped(entry: string, sources: ShaderSources, prelude = ''): ComposedShader {
  const seen = new Set<string>();
  const lines: string[] = [];
  const origins: LineOrigin[] = [];
  const push = (file: string, text: string) => {
    text.split('\n').forEach((l, k) => {
      const inc = /^\/\/!include\s+(\S+)\s*$/.exec(l);
      if (inc) expand(inc[1]);
      else {
        lines.push(l);
        origins.push({ file, line: k + 1 });
      }
    });
  };
  const expand = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    const text = sources[name];
    if (text === undefined) throw new Error(`shader ${name} not found (have: ${Object.keys(sources).join(', ')})`);
    push(name, text);
  };
  if (prelude) push('prelude (src/gpu/params.ts)', prelude.replace(/\n$/, ''));
  expand(entry);
  return { code: lines.join('\n'), origins };
}

export function composeShader(entry: string, sources: ShaderSources, prelude = ''): string {
  return composeShaderMapped(entry, sources, prelude).code;
}

/** A compiler message with its line mapped back: "file.wgsl:12:5 error: ...". */
export function describeMessage(m: Pick<GPUCompilationMessage, 'type' | 'message' | 'lineNum' | 'linePos'>, origins: readonly LineOrigin[]): string {
  const o = m.lineNum > 0 ? origins[m.lineNum - 1] : undefined;
  const where = o ? `${o.file}:${o.line}:${m.linePos}` : 'shader';
  return `${where} ${m.type}: ${m.message}`;
}
