/**
 * The API between the app and the server, as types only: what each action of each function takes
 * (`z.input` of its schema) and answers (the value of its `Result`). The app imports this module
 * with `import type` (lint enforces it), so nothing here reaches a package; a server change the app
 * forgets fails `npm run typecheck`.
 *
 *   Input<'admin', 'listCases'>   what `call('admin', 'listCases', input)` takes
 *   Output<'admin', 'listCases'>  what it resolves to
 */
import type * as z from 'zod';
import type { admin } from './functions/admin';
import type { board } from './functions/board';
import type { community } from './functions/community';
import type { AnyAction } from './functions/define';
import type { intake } from './functions/intake';
import type { member } from './functions/member';
import type { resident } from './functions/resident';
import type { caseCard, caseDetail, personView, publicCase, timelineView } from './services/views';

/** Every function the app calls, with its table of actions. (`timer` runs on its own trigger.) */
export interface Api {
  resident: (typeof resident)['actions'];
  member: (typeof member)['actions'];
  board: (typeof board)['actions'];
  admin: (typeof admin)['actions'];
  community: (typeof community)['actions'];
  intake: (typeof intake)['actions'];
}

export type FunctionName = keyof Api;
export type ActionName<F extends FunctionName> = keyof Api[F] & string;

type SchemaOf<A> = A extends { input: infer S extends z.ZodType } ? S : never;
type AnswerOf<A> = A extends { run: (...args: never[]) => Promise<infer R> } ? (R extends { ok: true; value: infer V } ? V : never) : never;

/**
 * What travels over the wire: JSON. A `Date` arrives as a string, `undefined` fields are absent,
 * functions are dropped. (The server's views hold ISO strings already; this keeps the type honest.)
 */
export type Wire<T> = T extends Date
  ? string
  : T extends string | number | boolean | null | undefined
    ? T
    : T extends readonly (infer E)[]
      ? Wire<E>[]
      : T extends object
        ? { [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]: Wire<T[K]> }
        : T;

/** What the app sends for `action` of function `F` (the schema's input side: defaults may be left out). */
export type Input<F extends FunctionName, A extends ActionName<F>> = z.input<SchemaOf<Api[F][A]>>;

/** What `action` of function `F` answers on success. */
export type Output<F extends FunctionName, A extends ActionName<F>> = Wire<AnswerOf<Api[F][A]>>;

/** Is every action of the table an action? (Compile-time check that `Api` holds action tables.) */
type Checked<T extends Record<string, AnyAction>> = T;
export type ApiChecked = { [F in FunctionName]: Checked<Api[F]> };

// ——— the server's views, as the app receives them ———

/** A case in a list (`caseCard`, backend/services/views.ts). */
export type CaseCardView = Wire<ReturnType<typeof caseCard>>;
/** A case with its timeline, as its reporter or staff see it (`caseDetail`). */
export type CaseView = Wire<ReturnType<typeof caseDetail>>;
/** A case on the public board (`publicCase`). */
export type PublicCaseView = Wire<ReturnType<typeof publicCase>>;
/** One step of a timeline (`timelineView`). */
export type TimelineEntryView = Wire<ReturnType<typeof timelineView>[number]>;
/** A person as the app shows them: role, role name and (masked) name (`personView`). */
export type PersonView = Wire<NonNullable<ReturnType<typeof personView>>>;
