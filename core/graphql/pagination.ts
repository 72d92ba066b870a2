import { ArgsType, Extensions, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { VALUE_MAY_BE_PROMISE } from './direct-field-resolvers.js';
import { badInput } from '../errors/errors.js';
import { unsafeTextReason } from './unsafe-text.js';

/** The largest page a client may ask for by default; more is BAD_USER_INPUT, not a silent cut. */
export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 20;

let maxPageSize = MAX_PAGE_SIZE;

/**
 * Sets the largest page for every connection of this process (config
 * MAX_PAGE_SIZE, applied at start-up), so that no resolver has to pass it.
 */
export function configurePagination(settings: { maxPageSize: number }): void {
  maxPageSize = settings.maxPageSize;
}

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface PageRequest {
  limit: number;
  /** `forward` reads after the cursor in the query's order; `backward` reads before it. */
  direction: 'forward' | 'backward';
  cursor: unknown[] | null;
}

const FIRST_DESCRIPTION = `Сколько элементов вернуть с начала (после курсора after): по умолчанию ${DEFAULT_PAGE_SIZE}, не больше ${MAX_PAGE_SIZE} (настройка MAX_PAGE_SIZE); больше или меньше нуля — BAD_USER_INPUT, список не обрезается молча`;
const AFTER_DESCRIPTION =
  'Курсор, после которого читать: endCursor предыдущей страницы или cursor ребра. Годится только для того же запроса (тот же фильтр и порядок); чужой или испорченный курсор — BAD_USER_INPUT';

/** `first`/`after` of a connection, described once (extend it in an `@ArgsType`). */
@ArgsType()
export class ForwardPageArgs {
  @Field(() => Int, { nullable: true, description: FIRST_DESCRIPTION }) first?: number | null;
  @Field(() => String, { nullable: true, description: AFTER_DESCRIPTION }) after?: string | null;
}

/** `first`/`after` and `last`/`before`: a connection read both ways. */
@ArgsType()
export class BidirectionalPageArgs extends ForwardPageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Сколько элементов вернуть с конца (перед курсором before): по умолчанию ${DEFAULT_PAGE_SIZE}, не больше ${MAX_PAGE_SIZE}; вместе с first — BAD_USER_INPUT`,
  })
  last?: number | null;
  @Field(() => String, { nullable: true, description: 'Курсор, перед которым читать (startCursor следующей страницы): чтение назад' })
  before?: string | null;
}

@ObjectType({ description: 'Сведения о странице (Relay)' })
export class PageInfo {
  @Field(() => Boolean, { description: 'Есть ли элементы после этой страницы (при чтении вперёд)' }) hasNextPage!: boolean;
  @Field(() => Boolean, { description: 'Есть ли элементы перед этой страницей (при чтении назад; при чтении вперёд — был ли передан курсор)' })
  hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true, description: 'Курсор первого элемента страницы (для before); null у пустой страницы' })
  startCursor!: string | null;
  @Field(() => String, { nullable: true, description: 'Курсор последнего элемента страницы (для after); null у пустой страницы' })
  endCursor!: string | null;
}

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/**
 * What each value of a cursor must be, in order: the columns of the keyset
 * it continues. A cursor is the client's text: a forged one must be refused
 * here (BAD_USER_INPUT on `after`/`before`), not reach SQL as a value that is
 * not of its column's type (a 500 before).
 */
export type CursorKind = 'uuid' | 'timestamp' | 'number' | 'text';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** As `Date.toISOString()` or PostgreSQL writes a timestamp (and `infinity`, the sort key of "no deadline"). */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}(:?\d{2})?)?$/;
const MAX_CURSOR_LENGTH = 2000;
/** A real moment (no 13th month): PostgreSQL's `+03` offsets written as JavaScript reads them. */
const isTime = (value: string) =>
  !Number.isNaN(
    Date.parse(
      value
        .replace(' ', 'T')
        .replace(/([+-]\d{2})$/, '$1:00')
        .replace(/([+-]\d{2})(\d{2})$/, '$1:$2'),
    ),
  );

const fitsKind: Record<CursorKind, (value: unknown) => boolean> = {
  uuid: (value) => typeof value === 'string' && UUID.test(value),
  timestamp: (value) => value === null || value === 'infinity' || (typeof value === 'string' && ISO_TIME.test(value) && isTime(value)),
  number: (value) => value === null || (typeof value === 'number' && Number.isFinite(value)),
  text: (value) => value === null || (typeof value === 'string' && value.length <= MAX_CURSOR_LENGTH && unsafeTextReason(value) === null),
};

function decodeCursor(cursor: string, field: string, shape: number | readonly CursorKind[]): unknown[] {
  const kinds = typeof shape === 'number' ? null : shape;
  const arity = kinds ? kinds.length : (shape as number);
  try {
    const values = cursor.length <= MAX_CURSOR_LENGTH ? JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) : null;
    if (Array.isArray(values) && values.length === arity) {
      const fits = kinds
        ? values.every((value, i) => fitsKind[kinds[i]!](value))
        : values.every((value) => value === null || ['string', 'number', 'boolean'].includes(typeof value));
      if (fits) return values;
    }
  } catch {
    // fall through to the error below
  }
  throw badInput(field, 'Некорректный курсор страницы');
}

/** Checks first/after/last/before and turns them into one page request. */
/** `cursor`: the kinds of the keyset's values (checked), or only their number. */
export function readPageArgs(args: PageArgs, cursor: number | readonly CursorKind[], max = maxPageSize): PageRequest {
  const { first, after, last, before } = args;
  if (first != null && last != null) throw badInput('last', 'Укажите либо first, либо last');
  for (const [name, value] of [
    ['first', first],
    ['last', last],
  ] as const) {
    if (value != null && (value < 0 || value > max)) {
      throw badInput(name, `${name} должно быть от 0 до ${max}`, { max });
    }
  }
  if (last != null || (before != null && first == null)) {
    return { limit: last ?? DEFAULT_PAGE_SIZE, direction: 'backward', cursor: before ? decodeCursor(before, 'before', cursor) : null };
  }
  return { limit: first ?? DEFAULT_PAGE_SIZE, direction: 'forward', cursor: after ? decodeCursor(after, 'after', cursor) : null };
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  /** A lazy thenable: the count query runs only when a client selects totalCount. */
  totalCount: number;
}

function lazy<T>(run: () => Promise<T>): PromiseLike<T> {
  let started: Promise<T> | null = null;
  return { then: (onValue, onError) => (started ??= run()).then(onValue, onError) };
}

/**
 * Turns rows fetched with `limit + 1` into a connection. Rows read backward
 * come in reverse order and are put back in the query's order.
 */
export function toConnection<T>(rows: T[], page: PageRequest, cursorOf: (row: T) => unknown[], count: () => Promise<number>): Connection<T> {
  const hasMore = rows.length > page.limit;
  const pageRows = rows.slice(0, page.limit);
  if (page.direction === 'backward') pageRows.reverse();
  const edges = pageRows.map((node) => ({ cursor: encodeCursor(cursorOf(node)), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.direction === 'forward' ? hasMore : page.cursor !== null,
      hasPreviousPage: page.direction === 'backward' ? hasMore : page.cursor !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: lazy(count) as unknown as number,
  };
}

/** Declares `<Name>Connection` and `<Name>Edge` for a node type. */
export function connectionType<T extends object>(node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { description: `Элемент страницы списка ${name} с его курсором` })
  class Edge {
    @Field(() => String, { description: 'Курсор этого элемента: передайте в after (или before), чтобы читать после (перед) него' }) cursor!: string;
    @Field(() => node, { description: `Сам элемент (${name})` }) node!: T;
  }

  @ObjectType(`${name}Connection`, {
    description: `Страница списка ${name} (Relay-соединение): по умолчанию ${DEFAULT_PAGE_SIZE} элементов, не больше ${MAX_PAGE_SIZE} за запрос`,
  })
  class ConnectionType {
    @Field(() => [Edge], { description: 'Элементы страницы в порядке запроса' }) edges!: Edge[];
    @Field(() => PageInfo, { description: 'Есть ли ещё страницы и курсоры её краёв' }) pageInfo!: PageInfo;
    // A lazy thenable (the count runs only when selected): it needs a resolver, which awaits it.
    @Field(() => Int, { description: 'Число элементов, подходящих под фильтр' })
    @Extensions({ [VALUE_MAY_BE_PROMISE]: true })
    totalCount!: number;
  }
  return ConnectionType;
}
