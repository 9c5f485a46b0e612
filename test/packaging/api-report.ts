/**
 * The API report: for each package entry, every exported name with its kind and signature, as
 * the TypeScript checker sees it from the sources (private and `@internal` members left out, as
 * `stripInternal` leaves them out of the published `.d.ts`). Committed under `api/`, so every
 * change to the public surface shows in review; test/packaging/api-report.test.ts compares.
 * Also finds types that an export's signature names but no entry exports (an app could not
 * name them).
 */
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** Package entries (package.json `exports`) → source file, in report order. */
export const ENTRIES: Record<string, string> = {
  '@sockudo/vue': 'src/index.ts',
  '@sockudo/vue/core': 'src/core/index.ts',
  '@sockudo/vue/vue': 'src/vue/index.ts',
  '@sockudo/vue/pinia': 'src/pinia/index.ts',
  '@sockudo/vue/codecs/msgpack': 'src/core/codecs/msgpack/index.ts',
  '@sockudo/vue/codecs/protobuf': 'src/core/codecs/protobuf/index.ts',
  '@sockudo/vue/server': 'src/server/index.ts',
}

/** The entry that re-exports the others; its report points at theirs instead of repeating signatures. */
const ROOT_ENTRY = '@sockudo/vue'

/** Report file of an entry: `@sockudo/vue/codecs/msgpack` → `api/codecs-msgpack.api.md`. */
export function reportPath(entry: string): string {
  const rest = entry.replace(/^@sockudo\/vue\/?/, '').replace(/\//g, '-')
  return `api/${rest || 'index'}.api.md`
}

const FLAGS = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope
  | ts.TypeFormatFlags.WriteArrayAsGenericType

export interface ApiReports {
  /** Report text per entry. */
  reports: Record<string, string>
  /** `entry: Export → Type (file)` for each named type no entry exports. */
  unexported: string[]
}

/** Builds every entry's report from the sources with the root tsconfig. */
export function buildApiReports(): ApiReports {
  const parsed = ts.getParsedCommandLineOfConfigFile(`${ROOT}tsconfig.json`, {}, {
    ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')) },
  })
  if (!parsed) throw new Error('tsconfig.json could not be read')
  const program = ts.createProgram(Object.values(ENTRIES).map((f) => ROOT + f), parsed.options)
  const checker = program.getTypeChecker()
  const exportsOf = new Map<string, ts.Symbol[]>()
  const exported = new Set<ts.Symbol>()
  for (const [entry, file] of Object.entries(ENTRIES)) {
    const source = program.getSourceFile(ROOT + file)
    const moduleSymbol = source && checker.getSymbolAtLocation(source)
    if (!moduleSymbol) throw new Error(`${file} is not a module`)
    const symbols = checker.getExportsOfModule(moduleSymbol).sort((a, b) => a.name.localeCompare(b.name))
    exportsOf.set(entry, symbols)
    for (const s of symbols) exported.add(resolve(checker, s))
  }
  // Where each symbol's signature is written: the first entry other than the root that exports it.
  const home = new Map<ts.Symbol, string>()
  for (const [entry, symbols] of exportsOf) {
    if (entry === ROOT_ENTRY) continue
    for (const s of symbols) if (!home.has(resolve(checker, s))) home.set(resolve(checker, s), entry)
  }
  const reports: Record<string, string> = {}
  const unexported = new Set<string>()
  for (const [entry, symbols] of exportsOf) {
    const lines = [`# ${entry}`, '', `<!-- Generated from ${ENTRIES[entry]} by test/packaging/api-report.test.ts. Rewrite: UPDATE_API_REPORT=1 npx vitest run --project unit test/packaging/api-report.test.ts -->`, '']
    for (const s of symbols) {
      const target = resolve(checker, s)
      const elsewhere = entry === ROOT_ENTRY ? home.get(target) : undefined
      const heading = `## ${s.name}${deprecated(target) ? ' (deprecated)' : ''}`
      if (elsewhere) lines.push(heading, '', `As in ${reportPath(elsewhere)}.`, '')
      else lines.push(heading, '', '```ts', ...describe(checker, s.name, target), '```', '')
      for (const missing of namedTypes(checker, target)) {
        if (!exported.has(missing)) unexported.add(`${entry}: ${s.name} → ${missing.name} (${fileOf(missing)})`)
      }
    }
    reports[entry] = lines.join('\n')
  }
  return { reports, unexported: [...unexported].sort() }
}

function resolve(checker: ts.TypeChecker, s: ts.Symbol): ts.Symbol {
  return s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s
}

/** True when every declaration of the symbol carries `@deprecated` (kept names on their way out). */
function deprecated(s: ts.Symbol): boolean {
  const declarations = s.declarations ?? []
  return declarations.length > 0 && declarations.every((d) => ts.getJSDocDeprecatedTag(d) !== undefined)
}

function fileOf(s: ts.Symbol): string {
  return (s.declarations?.[0]?.getSourceFile().fileName ?? '?').replace(ROOT, '')
}

/** Absolute source paths in printed types become repository-relative, so the report is portable. */
function clean(text: string): string {
  return text.split(ROOT).join('')
}

/** True for members an app cannot use: private, protected, `#private` and `@internal`. */
function hidden(node: ts.Node): boolean {
  const modifiers = ts.canHaveModifiers(node) ? ts.getModifiers(node) ?? [] : []
  // Protected members are hidden too: apps do not subclass the library's classes.
  if (modifiers.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword)) return true
  const name = (node as { name?: ts.Node }).name
  if (name && ts.isPrivateIdentifier(name)) return true
  return ts.getJSDocTags(node).some((t) => t.tagName.text === 'internal')
}

/** One declaration's lines: a header, then each public member with its type. */
function describe(checker: ts.TypeChecker, name: string, s: ts.Symbol): string[] {
  const out: string[] = []
  for (const decl of s.declarations ?? []) {
    if (ts.isFunctionDeclaration(decl)) {
      const sig = checker.getSignatureFromDeclaration(decl)
      if (sig) out.push(clean(`function ${name}${checker.signatureToString(sig, decl, FLAGS)}`))
    } else if (ts.isVariableDeclaration(decl)) {
      out.push(clean(`const ${name}: ${checker.typeToString(checker.getTypeAtLocation(decl), decl, FLAGS)}`))
    } else if (ts.isTypeAliasDeclaration(decl)) {
      out.push(clean(`type ${name}${typeParams(decl)} = ${checker.typeToString(checker.getTypeAtLocation(decl.type), decl, FLAGS | ts.TypeFormatFlags.InTypeAlias)}`))
    } else if (ts.isClassDeclaration(decl) || ts.isInterfaceDeclaration(decl)) {
      out.push(...describeShape(checker, name, decl))
    } else if (ts.isModuleDeclaration(decl) || ts.isEnumDeclaration(decl)) {
      out.push(`${ts.SyntaxKind[decl.kind]} ${name}`)
    }
  }
  return out.length ? out : [`${name}: ${checker.typeToString(checker.getDeclaredTypeOfSymbol(s), undefined, FLAGS)}`]
}

function typeParams(decl: { typeParameters?: ts.NodeArray<ts.TypeParameterDeclaration> }): string {
  return decl.typeParameters ? `<${decl.typeParameters.map((p) => p.getText().replace(/\s+/g, ' ')).join(', ')}>` : ''
}

function describeShape(checker: ts.TypeChecker, name: string, decl: ts.ClassDeclaration | ts.InterfaceDeclaration): string[] {
  const kind = ts.isClassDeclaration(decl) ? 'class' : 'interface'
  const heritage = (decl.heritageClauses ?? []).map((h) => ` ${h.getText().replace(/\s+/g, ' ')}`).join('')
  const lines = [`${kind} ${name}${typeParams(decl)}${heritage} {`]
  for (const member of decl.members) {
    if (hidden(member)) continue
    const line = describeMember(checker, member)
    if (line) lines.push(`  ${clean(line)}`)
  }
  lines.push('}')
  return lines
}

function describeMember(checker: ts.TypeChecker, member: ts.ClassElement | ts.TypeElement): string | undefined {
  const mods = (ts.canHaveModifiers(member) ? ts.getModifiers(member) ?? [] : [])
    .filter((m) => m.kind !== ts.SyntaxKind.PublicKeyword && m.kind !== ts.SyntaxKind.OverrideKeyword && m.kind !== ts.SyntaxKind.DeclareKeyword)
    .map((m) => `${m.getText()} `).join('')
  const name = member.name ? member.name.getText() : ''
  const optional = (member as { questionToken?: ts.Node }).questionToken ? '?' : ''
  if (ts.isPropertyDeclaration(member) || ts.isPropertySignature(member)) {
    return `${mods}${name}${optional}: ${checker.typeToString(checker.getTypeAtLocation(member), member, FLAGS)}`
  }
  if (ts.isGetAccessorDeclaration(member)) return `${mods}get ${name}(): ${checker.typeToString(checker.getTypeAtLocation(member), member, FLAGS)}`
  if (ts.isSetAccessorDeclaration(member)) return undefined
  if (ts.isClassStaticBlockDeclaration(member) || ts.isSemicolonClassElement(member)) return undefined
  const sig = ts.isFunctionLike(member) ? checker.getSignatureFromDeclaration(member) : undefined
  if (!sig) return `${mods}${member.getText().replace(/\s+/g, ' ')}`
  const label = ts.isConstructorDeclaration(member) ? 'constructor' : ts.isConstructSignatureDeclaration(member) ? 'new ' : ts.isCallSignatureDeclaration(member) ? '' : ts.isIndexSignatureDeclaration(member) ? '' : name
  if (ts.isIndexSignatureDeclaration(member)) return `${mods}${member.getText().replace(/\s+/g, ' ').replace(/;$/, '')}`
  return `${mods}${label}${optional}${checker.signatureToString(sig, member, FLAGS)}`
}

/** True when a declaration is `export`ed from its own file (a file-local helper type is flattened into its users). */
function isModuleExport(decl: ts.Declaration): boolean {
  const node = ts.isVariableDeclaration(decl) ? decl.parent.parent : decl
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
}

/**
 * Named types (type references and `extends` clauses) in the public parts of an export's
 * declarations that are declared in this repository's sources. Bodies, initializers, hidden
 * members, file-local types, `typeof` queries and `_`-prefixed brands (unique symbols no app should name) are skipped.
 */
function namedTypes(checker: ts.TypeChecker, s: ts.Symbol): Set<ts.Symbol> {
  const found = new Set<ts.Symbol>()
  const visit = (node: ts.Node): void => {
    if (hidden(node) && node.parent && (ts.isClassLike(node.parent) || ts.isInterfaceDeclaration(node.parent))) return
    if (ts.isBlock(node)) return
    if (ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node) || ts.isParameter(node)) {
      if (node.type) visit(node.type)
      return
    }
    if (ts.isTypeReferenceNode(node) || ts.isExpressionWithTypeArguments(node)) {
      const at = ts.isTypeReferenceNode(node) ? node.typeName : node.expression
      const ref = checker.getSymbolAtLocation(at)
      const target = ref && resolve(checker, ref)
      const decl = target?.declarations?.[0]
      if (target && decl && !target.name.startsWith('_') && isModuleExport(decl) && decl.getSourceFile().fileName.startsWith(`${ROOT}src/`)) found.add(target)
    }
    ts.forEachChild(node, visit)
  }
  for (const decl of s.declarations ?? []) visit(decl)
  found.delete(s)
  return found
}
