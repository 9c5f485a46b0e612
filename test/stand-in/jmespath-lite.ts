/**
 * A small JMESPath subset for subscription expressions: field paths (`a.b`), literals
 * (`` `json` ``, 'raw'), comparisons (== != < <= > >=), `&&`, `||`, `!` and parentheses.
 * Enough for filter tests; anything else is a parse error (the subscribe fails with 4000).
 */
export type Expr =
  | { kind: 'path'; parts: string[] }
  | { kind: 'literal'; value: unknown }
  | { kind: 'not'; expr: Expr }
  | { kind: 'bin'; op: string; left: Expr; right: Expr }

const TOKEN = /\s*(?:(==|!=|<=|>=|&&|\|\||[<>!().])|`([^`]*)`|'([^']*)'|([A-Za-z_][A-Za-z0-9_]*)|"([^"]*)")/y

function tokenize(source: string): string[] {
  const tokens: string[] = []
  TOKEN.lastIndex = 0
  let pos = 0
  while (pos < source.length) {
    if (/^\s*$/.test(source.slice(pos))) break
    TOKEN.lastIndex = pos
    const m = TOKEN.exec(source)
    if (!m) throw new Error(`unexpected input at ${pos}`)
    if (m[1] !== undefined) tokens.push(m[1])
    else if (m[2] !== undefined) tokens.push(`\`${m[2]}`)
    else if (m[3] !== undefined) tokens.push(`'${m[3]}`)
    else if (m[4] !== undefined) tokens.push(`#${m[4]}`)
    else tokens.push(`#${m[5] ?? ''}`)
    pos = TOKEN.lastIndex
  }
  return tokens
}

export function parseExpression(source: string): Expr {
  const tokens = tokenize(source)
  let i = 0
  const peek = () => tokens[i]
  const take = () => tokens[i++]
  const orExpr = (): Expr => {
    let left = andExpr()
    while (peek() === '||') {
      take()
      left = { kind: 'bin', op: '||', left, right: andExpr() }
    }
    return left
  }
  const andExpr = (): Expr => {
    let left = cmpExpr()
    while (peek() === '&&') {
      take()
      left = { kind: 'bin', op: '&&', left, right: cmpExpr() }
    }
    return left
  }
  const cmpExpr = (): Expr => {
    const left = unary()
    const op = peek()
    if (!op || !['==', '!=', '<', '<=', '>', '>='].includes(op)) return left
    take()
    return { kind: 'bin', op, left, right: unary() }
  }
  const unary = (): Expr => {
    const t = take()
    if (t === undefined) throw new Error('unexpected end of expression')
    if (t === '!') return { kind: 'not', expr: unary() }
    if (t === '(') {
      const e = orExpr()
      if (take() !== ')') throw new Error('expected )')
      return e
    }
    if (t.startsWith('`')) return { kind: 'literal', value: JSON.parse(t.slice(1)) as unknown }
    if (t.startsWith("'")) return { kind: 'literal', value: t.slice(1) }
    if (!t.startsWith('#')) throw new Error(`unexpected token ${t}`)
    const parts = [t.slice(1)]
    while (peek() === '.') {
      take()
      const next = take()
      if (!next?.startsWith('#')) throw new Error('expected identifier after .')
      parts.push(next.slice(1))
    }
    return { kind: 'path', parts }
  }
  const expr = orExpr()
  if (i !== tokens.length) throw new Error(`unexpected token ${tokens[i]}`)
  return expr
}

const truthy = (v: unknown): boolean =>
  !(v === null || v === undefined || v === false || v === '' || (Array.isArray(v) && v.length === 0) ||
    (typeof v === 'object' && v !== null && Object.keys(v).length === 0))

function evaluate(expr: Expr, doc: unknown): unknown {
  switch (expr.kind) {
    case 'literal': return expr.value
    case 'path': return expr.parts.reduce<unknown>((acc, p) => (acc && typeof acc === 'object' ? (acc as Record<string, unknown>)[p] : null), doc) ?? null
    case 'not': return !truthy(evaluate(expr.expr, doc))
    case 'bin': {
      if (expr.op === '&&') return truthy(evaluate(expr.left, doc)) ? evaluate(expr.right, doc) : false
      if (expr.op === '||') return truthy(evaluate(expr.left, doc)) || evaluate(expr.right, doc)
      const a = evaluate(expr.left, doc)
      const b = evaluate(expr.right, doc)
      if (expr.op === '==') return JSON.stringify(a) === JSON.stringify(b)
      if (expr.op === '!=') return JSON.stringify(a) !== JSON.stringify(b)
      if (typeof a !== 'number' || typeof b !== 'number') return null
      return expr.op === '<' ? a < b : expr.op === '<=' ? a <= b : expr.op === '>' ? a > b : a >= b
    }
  }
}

/** JMESPath truthiness of the result. */
export function evaluateExpression(expr: Expr, doc: unknown): boolean {
  return truthy(evaluate(expr, doc))
}
