// GitHub answers an invalid query with graphql-ruby's words, codes and paths. graphql-js finds the same problems
// (its specified rules); this module runs them and rewrites each error the way GitHub would send it.
import {
  type ArgumentNode,
  type ASTNode,
  type ASTVisitor,
  coerceInputValue,
  type DocumentNode,
  type FieldNode,
  FieldsOnCorrectTypeRule,
  type FragmentDefinitionNode,
  type FragmentSpreadNode,
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLDirective,
  type GraphQLEnumType,
  type GraphQLError,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type GraphQLType,
  getLocation,
  getNamedType,
  isEnumType,
  isInputType,
  isLeafType,
  isListType,
  isNonNullType,
  Kind,
  KnownArgumentNamesRule,
  KnownFragmentNamesRule,
  type NameNode,
  NoUndefinedVariablesRule,
  NoUnusedFragmentsRule,
  NoUnusedVariablesRule,
  type OperationDefinitionNode,
  PossibleFragmentSpreadsRule,
  ProvidedRequiredArgumentsRule,
  print,
  ScalarLeafsRule,
  specifiedRules,
  TypeInfo,
  typeFromAST,
  ValidationContext,
  type ValidationRule,
  ValuesOfCorrectTypeRule,
  type VariableDefinitionNode,
  type VariableNode,
  VariablesInAllowedPositionRule,
  valueFromAST,
  visit,
  visitInParallel,
  visitWithTypeInfo,
} from 'graphql';

/** One entry of a GraphQL response's `errors`, as GitHub writes it. */
export interface GitHubGraphQLError {
  message: string;
  locations?: Array<{ line: number; column: number }>;
  path?: Array<string | number>;
  /** GitHub's execution errors carry a `type` (NOT_FOUND, MISSING_PAGINATION_BOUNDARIES, …). */
  type?: string;
  extensions?: Record<string, unknown>;
}

type Location = { line: number; column: number };

export function locationOf(node: ASTNode | undefined): Location[] {
  return node?.loc ? [getLocation(node.loc.source, node.loc.start)] : [];
}

/** graphql-ruby's words for a document that does not parse. */
export function syntaxErrorLikeGitHub(error: GraphQLError): GitHubGraphQLError {
  const found = /found (.+)\.$/.exec(error.message)?.[1];
  const locations = error.locations ? [...error.locations] : [];
  const at = locations[0];
  if (found === undefined || found === '<EOF>') return { message: 'Unexpected end of document', locations };
  const token = TOKEN_NAMES[found.replace(/^"|"$/g, '')] ?? (/^[_A-Za-z]/.test(found) ? 'IDENTIFIER' : 'error');
  const where = at ? ` at [${at.line}, ${at.column}]` : '';
  return { message: `Parse error on ${found.startsWith('"') ? found : `"${found}"`} (${token})${where}`, locations };
}

const TOKEN_NAMES: Record<string, string> = {
  '{': 'LCURLY',
  '}': 'RCURLY',
  '(': 'LPAREN',
  ')': 'RPAREN',
  '[': 'LBRACKET',
  ']': 'RBRACKET',
  ':': 'COLON',
  '=': 'EQUALS',
  '!': 'BANG',
  $: 'VAR_SIGN',
  '@': 'DIR_SIGN',
  '...': 'ELLIPSIS',
  '|': 'PIPE',
  '&': 'AMP',
};

/** Where the traversal was when a rule reported an error. */
interface Position {
  path: string[];
  operation: OperationDefinitionNode | undefined;
  parentType: GraphQLCompositeType | null | undefined;
  fieldDef: GraphQLField<unknown, unknown> | null | undefined;
  type: GraphQLOutputType | null | undefined;
  directive: GraphQLDirective | null | undefined;
  argument: GraphQLArgument | null | undefined;
  field: FieldNode | undefined;
  /** The argument whose value is being checked, with the path to it. */
  argumentNode: { node: ArgumentNode; path: string[] } | undefined;
}

type Rewrite = (error: GraphQLError, at: Position, seen: Set<ASTNode>) => GitHubGraphQLError | undefined;

/**
 * Validates `document` against `schema` with graphql-js's specified rules; the errors GitHub's clients see most
 * (unknown field or argument, missing or invalid argument, variables, selections, fragments) in GitHub's words.
 */
export function validateLikeGitHub(schema: GraphQLSchema, document: DocumentNode): GitHubGraphQLError[] {
  const typeInfo = new TypeInfo(schema);
  const path: string[] = [];
  const argumentNodes: Array<{ node: ArgumentNode; path: string[] }> = [];
  const fieldNodes: FieldNode[] = [];
  const inputNames: string[] = [];
  /** Each variable → the argument or input field it is passed to, for GitHub's mismatch message. */
  const sites = new Map<VariableNode, { name: string; type: GraphQLInputType | null | undefined }>();
  let operation: OperationDefinitionNode | undefined;
  const errors: GitHubGraphQLError[] = [];
  const seen = new Set<ASTNode>();
  const at = (): Position => ({
    path: [...path],
    operation,
    parentType: typeInfo.getParentType(),
    fieldDef: typeInfo.getFieldDef(),
    type: typeInfo.getType(),
    directive: typeInfo.getDirective(),
    argument: typeInfo.getArgument(),
    field: fieldNodes.at(-1),
    argumentNode: argumentNodes.at(-1),
  });
  const rewrites = new Map<ValidationRule, Rewrite>([
    [FieldsOnCorrectTypeRule, undefinedField],
    [KnownArgumentNamesRule, argumentNotAccepted],
    [ProvidedRequiredArgumentsRule, missingRequiredArguments],
    [ValuesOfCorrectTypeRule, argumentLiteralsIncompatible],
    [ScalarLeafsRule, selectionMismatch],
    [NoUndefinedVariablesRule, variableNotDefined],
    [NoUnusedVariablesRule, variableNotUsed],
    [VariablesInAllowedPositionRule, (error, position) => variableMismatch(schema, sites, error, position)],
    [PossibleFragmentSpreadsRule, cannotSpreadFragment],
    [KnownFragmentNamesRule, fragmentUse('was used, but not defined')],
    [NoUnusedFragmentsRule, fragmentUse('was defined, but not used')],
  ]);
  const track: ASTVisitor = {
    enter(node) {
      const label = labelOf(node);
      if (label !== undefined) path.push(label);
      if (node.kind === Kind.OPERATION_DEFINITION) operation = node;
      if (node.kind === Kind.FIELD) fieldNodes.push(node);
      if (node.kind === Kind.ARGUMENT) argumentNodes.push({ node, path: [...path] });
      if (node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD) inputNames.push(node.name.value);
      const site = inputNames.at(-1);
      if (node.kind === Kind.VARIABLE && site !== undefined)
        sites.set(node, { name: site, type: typeInfo.getInputType() });
    },
  };
  const untrack: ASTVisitor = {
    leave(node) {
      if (labelOf(node) !== undefined) path.pop();
      if (node.kind === Kind.FIELD) fieldNodes.pop();
      if (node.kind === Kind.ARGUMENT) argumentNodes.pop();
      if (node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD) inputNames.pop();
    },
  };
  const visitors = specifiedRules.map((rule) => {
    const rewrite = rewrites.get(rule);
    return rule(
      new ValidationContext(schema, document, typeInfo, (error) => {
        const position = at();
        const out = rewrite ? rewrite(error, position, seen) : generic(rule, error, position);
        if (out) errors.push(out);
      }),
    );
  });
  visit(document, visitWithTypeInfo(typeInfo, visitInParallel([track, ...visitors, untrack])));
  return errors;
}

/** graphql-ruby's path segment for a node (`query Name`, `... on Commit`, a field's response key, an argument). */
function labelOf(node: ASTNode): string | undefined {
  switch (node.kind) {
    case Kind.OPERATION_DEFINITION:
      return node.name ? `${node.operation} ${node.name.value}` : node.operation;
    case Kind.FRAGMENT_DEFINITION:
      return `fragment ${node.name.value}`;
    case Kind.INLINE_FRAGMENT:
      return node.typeCondition ? `... on ${node.typeCondition.name.value}` : '...';
    case Kind.FRAGMENT_SPREAD:
      return `... ${node.name.value}`;
    case Kind.FIELD:
      return (node.alias ?? node.name).value;
    case Kind.ARGUMENT:
    case Kind.OBJECT_FIELD:
      return node.name.value;
    default:
      return undefined;
  }
}

function located(error: GraphQLError, at: Position): Pick<GitHubGraphQLError, 'locations' | 'path'> {
  return { locations: error.locations ? [...error.locations] : [], path: at.path };
}

function generic(rule: ValidationRule, error: GraphQLError, at: Position): GitHubGraphQLError {
  const code = rule.name.replace(/Rule$/, '');
  return {
    message: error.message,
    ...located(error, at),
    extensions: { code: code.charAt(0).toLowerCase() + code.slice(1) },
  };
}

const undefinedField: Rewrite = (error, at) => {
  const field = (error.nodes?.[0] as FieldNode | undefined)?.name.value ?? '';
  const typeName = at.parentType?.name ?? '';
  return {
    message: `Field '${field}' doesn't exist on type '${typeName}'`,
    ...located(error, at),
    extensions: { code: 'undefinedField', typeName, fieldName: field },
  };
};

const argumentNotAccepted: Rewrite = (error, at) => {
  const argument = (error.nodes?.[0] as ArgumentNode | undefined)?.name.value ?? '';
  const [kind, name] = at.directive ? ['Directive', at.directive.name] : ['Field', at.fieldDef?.name ?? ''];
  return {
    message: `${kind} '${name}' doesn't accept argument '${argument}'`,
    ...located(error, at),
    extensions: { code: 'argumentNotAccepted', name, typeName: kind, argumentName: argument },
  };
};

/** graphql-js reports each missing argument; GitHub names them all in one error per field. */
const missingRequiredArguments: Rewrite = (error, at, seen) => {
  const node = error.nodes?.[0];
  if (!node || seen.has(node) || (node.kind !== Kind.FIELD && node.kind !== Kind.DIRECTIVE)) return undefined;
  seen.add(node);
  const definition = node.kind === Kind.DIRECTIVE ? at.directive : at.fieldDef;
  const given = new Set(node.arguments?.map((a) => a.name.value));
  const missing = (definition?.args ?? [])
    .filter((a) => isNonNullType(a.type) && a.defaultValue === undefined && !given.has(a.name))
    .map((a) => a.name)
    .join(', ');
  const kind = node.kind === Kind.DIRECTIVE ? 'Directive' : 'Field';
  return {
    message: `${kind} '${node.name.value}' is missing required arguments: ${missing}`,
    ...located(error, at),
    extensions: { code: 'missingRequiredArguments', className: kind, name: node.name.value, arguments: missing },
  };
};

/** One error per argument whose literal does not fit its type, however deep the problem is. */
const argumentLiteralsIncompatible: Rewrite = (error, at, seen) => {
  const node = at.argumentNode?.node;
  if (!node || !at.argument)
    return { message: error.message, ...located(error, at), extensions: { code: 'defaultValueInvalidType' } };
  if (seen.has(node)) return undefined;
  seen.add(node);
  const [kind, name] = at.directive ? ['Directive', at.directive.name] : ['Field', at.fieldDef?.name ?? ''];
  return {
    message: `Argument '${node.name.value}' on ${kind} '${name}' has an invalid value (${print(node.value)}). Expected type '${String(at.argument.type)}'.`,
    // GitHub points at the field (or directive) the argument belongs to.
    locations: locationOf(at.directive ? node : at.field),
    path: at.argumentNode?.path ?? at.path,
    extensions: { code: 'argumentLiteralsIncompatible', typeName: kind, argumentName: node.name.value },
  };
};

const selectionMismatch: Rewrite = (_error, at) => {
  const node = at.field;
  const type = at.type ? getNamedType(at.type) : undefined;
  if (!node || !type) return undefined;
  const nodeName = `field '${node.name.value}'`;
  let message: string;
  if (isLeafType(type)) {
    const selections = (node.selectionSet?.selections ?? []).map((s) =>
      s.kind === Kind.INLINE_FRAGMENT ? `"... on ${s.typeCondition?.name.value} { ... }"` : `"${s.name.value}"`,
    );
    const kind = isEnumType(type) ? 'enum' : 'scalar';
    message = `Selections can't be made on ${kind}s (${nodeName} returns ${type.name} but has selections [${selections.join(', ')}])`;
  } else {
    message = `Field must have selections (${nodeName} returns ${type.name} but has no selections. Did you mean '${node.name.value} { ... }'?)`;
  }
  return {
    message,
    locations: locationOf(node),
    path: at.path,
    extensions: { code: 'selectionMismatch', nodeName, typeName: type.name },
  };
};

function operationLabel(operation: OperationDefinitionNode | undefined): string {
  return operation?.name?.value ?? `anonymous ${operation?.operation ?? 'query'}`;
}

const variableNotDefined: Rewrite = (error, at) => {
  const variable = error.nodes?.[0] as VariableNode | undefined;
  const name = variable?.name.value ?? '';
  return {
    message: `Variable $${name} is used by ${operationLabel(at.operation)} but not declared`,
    locations: locationOf(variable),
    path: at.path,
    extensions: { code: 'variableNotDefined', variableName: name },
  };
};

const variableNotUsed: Rewrite = (error, at) => {
  const name = (error.nodes?.[0] as VariableDefinitionNode | undefined)?.variable.name.value ?? '';
  return {
    message: `Variable $${name} is declared by ${operationLabel(at.operation)} but not used`,
    ...located(error, at),
    extensions: { code: 'variableNotUsed', variableName: name },
  };
};

function variableMismatch(
  schema: GraphQLSchema,
  sites: Map<VariableNode, { name: string; type: GraphQLInputType | null | undefined }>,
  error: GraphQLError,
  at: Position,
): GitHubGraphQLError {
  const definition = error.nodes?.[0] as VariableDefinitionNode;
  const usage = error.nodes?.[1] as VariableNode;
  const declared = typeFromAST(schema, definition.type);
  const site = sites.get(usage);
  const expected = site?.type;
  const kind = declared && expected ? mismatchKind(declared, expected) : 'Type mismatch';
  const name = usage.name.value;
  return {
    message: `${kind} on variable $${name} and argument ${site?.name ?? '?'} (${print(definition.type)} / ${String(expected)})`,
    locations: locationOf(usage),
    path: at.path,
    extensions: {
      code: 'variableMismatch',
      variableName: name,
      typeName: print(definition.type),
      argumentName: site?.name ?? null,
      errorMessage: kind,
    },
  };
}

function mismatchKind(declared: GraphQLType, expected: GraphQLType): string {
  const bare = (type: GraphQLType) => (isNonNullType(type) ? type.ofType : type);
  const depth = (type: GraphQLType) => {
    let n = 0;
    for (let t = bare(type); isListType(t); t = bare(t.ofType)) n++;
    return n;
  };
  if (depth(declared) !== depth(expected)) return 'List dimension mismatch';
  if (getNamedType(declared) !== getNamedType(expected)) return 'Type mismatch';
  return 'Nullability mismatch';
}

const cannotSpreadFragment: Rewrite = (error, at) => {
  const node = error.nodes?.[0];
  const type = /can never be of type "(\w+)"/.exec(error.message)?.[1] ?? '';
  const parent = at.parentType?.name ?? '';
  const name = node?.kind === Kind.FRAGMENT_SPREAD ? node.name.value : undefined;
  return {
    message: `Fragment ${name ? `${name} ` : ''}on ${type} can't be spread inside ${parent}`,
    ...located(error, at),
    extensions: { code: 'cannotSpreadFragment', typeName: type, fragmentName: name ?? 'unknown', parentName: parent },
  };
};

function fragmentUse(words: string): Rewrite {
  return (error, at) => {
    const node = error.nodes?.[0] as FragmentSpreadNode | FragmentDefinitionNode | NameNode | undefined;
    const name = (node?.kind === Kind.NAME ? node.value : node?.name.value) ?? '';
    return {
      message: `Fragment ${name} ${words}`,
      ...located(error, at),
      extensions: { code: 'useAndDefineFragment', fragmentName: name },
    };
  };
}

export type VariableValues = { values: Record<string, unknown> } | { errors: GitHubGraphQLError[] };

/**
 * Coerces the request's variables to the operation's declared types; a value that does not fit is GitHub's
 * "Variable $x of type T was provided invalid value", with a `problems` entry for each place that is wrong.
 */
export function coerceVariablesLikeGitHub(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  given: Record<string, unknown>,
): VariableValues {
  const errors: GitHubGraphQLError[] = [];
  const values: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type);
    if (!type || !isInputType(type)) continue; // a validation error already says so
    const problems: Array<{ path: Array<string | number>; explanation: string }> = [];
    if (!Object.hasOwn(given, name)) {
      if (definition.defaultValue) values[name] = valueFromAST(definition.defaultValue, type);
      else if (isNonNullType(type)) problems.push({ path: [], explanation: 'Expected value to not be null' });
    } else {
      const value = coerceInputValue(given[name], type, (path, invalid, error) =>
        problems.push(explain(schema, path, invalid, error)),
      );
      if (problems.length === 0) values[name] = value;
    }
    if (problems.length === 0) continue;
    const deep = problems.filter((p) => p.path.length > 0).map((p) => `${p.path.join('.')} (${p.explanation})`);
    errors.push({
      message: `Variable $${name} of type ${print(definition.type)} was provided invalid value${deep.length > 0 ? ` for ${deep.join(', ')}` : ''}`,
      locations: locationOf(definition),
      extensions: { value: given[name] ?? null, problems },
    });
  }
  return errors.length > 0 ? { errors } : { values };
}

/** graphql-ruby's explanation for one problem graphql-js found in a variable's value. */
function explain(
  schema: GraphQLSchema,
  path: ReadonlyArray<string | number>,
  invalid: unknown,
  error: GraphQLError,
): { path: Array<string | number>; explanation: string } {
  const message = error.message;
  const at = [...path];
  const unknown = /^Field "(\w+)" is not defined by type "(\w+)"/.exec(message);
  if (unknown) return { path: [...at, unknown[1] as string], explanation: `Field is not defined on ${unknown[2]}` };
  const missing = /^Field "(\w+)" of required type .* was not provided/.exec(message);
  if (missing) return { path: [...at, missing[1] as string], explanation: 'Expected value to not be null' };
  if (/^Expected non-nullable type .* not to be null/.test(message))
    return { path: at, explanation: 'Expected value to not be null' };
  const enumName = /does not exist in "(\w+)" enum|^Enum "(\w+)" cannot represent/.exec(message);
  const enumType = enumName && schema.getType((enumName[1] ?? enumName[2]) as string);
  if (enumType && isEnumType(enumType)) {
    const values = (enumType as GraphQLEnumType).getValues().map((v) => v.name);
    return { path: at, explanation: `Expected ${JSON.stringify(invalid)} to be one of: ${values.join(', ')}` };
  }
  const scalar = /^(\w+) cannot represent/.exec(message);
  if (scalar) return { path: at, explanation: `Could not coerce value ${JSON.stringify(invalid)} to ${scalar[1]}` };
  return { path: at, explanation: message };
}
