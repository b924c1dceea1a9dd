/** The indexes the cloud database needs, to create in its console; checked by the contract tests. */

export interface CloudIndex {
  collection: string;
  name: string;
  fields: [field: string, direction: 'asc' | 'desc'][];
  unique?: boolean;
  /** The queries that read it. */
  uses: string[];
}

/** The WeChat cloud database allows at most this many indexes per collection (besides `_id`). */
export const MAX_INDEXES_PER_COLLECTION = 10;

/**
 * The indexes to create in the cloud console (数据库 → 索引管理). `_id` is indexed by the database
 * itself. The database allows ten per collection, so `cases` has the ten its queries need most;
 * `uses` names the queries each one serves. A query may use an index whose leading fields it
 * filters on and match the rest of its conditions while reading along it: a status filter on a
 * `…_created` index, a category or severity filter on any of them.
 */
export const CLOUD_INDEXES: readonly CloudIndex[] = [
  {
    collection: 'cases',
    name: 'reporter_created',
    fields: [
      ['reporterOpenid', 'asc'],
      ['createdAt', 'desc'],
      ['_id', 'desc'],
    ],
    uses: ['resident.myCases (listCases reporterOpenid, created_desc)', 'countCasesByReporterSince (daily submit limit)'],
  },
  {
    collection: 'cases',
    name: 'holder_status_due',
    fields: [
      ['holderOpenid', 'asc'],
      ['status', 'asc'],
      ['dueKey', 'asc'],
      ['_id', 'asc'],
    ],
    uses: ['member.myTasks (holderOpenid + statuses, deadline_asc; the done tabs read the same prefix newest first)'],
  },
  {
    collection: 'cases',
    name: 'community_created',
    fields: [
      ['communityId', 'asc'],
      ['createdAt', 'desc'],
      ['_id', 'desc'],
    ],
    uses: [
      'admin.listCases of a community admin (communityId, created_desc, with status / category / severity / time filters)',
      'admin.dashboard: today’s new cases, the pending list',
      'board.listCases with a community',
      'admin exports of a community (loadAll)',
      'admin.reviewQueue / reviewCount of a community (textsWaiting matched along it: waiting texts are the newest)',
    ],
  },
  {
    collection: 'cases',
    name: 'community_status_due',
    fields: [
      ['communityId', 'asc'],
      ['status', 'asc'],
      ['dueKey', 'asc'],
      ['_id', 'asc'],
    ],
    uses: ['admin.dashboard of a community: pending and overdue counts, the overdue list', 'admin.listCases overdue (deadline_asc)'],
  },
  {
    collection: 'cases',
    name: 'grid_status_created',
    fields: [
      ['gridId', 'asc'],
      ['status', 'asc'],
      ['createdAt', 'desc'],
      ['_id', 'desc'],
    ],
    uses: [
      'openWorkByMember (routing: gridId + open statuses)',
      'admin: open cases of a grid, passing a stopped member’s tasks on',
      'admin.listCases / board.listCases with a grid',
      'resident.findSimilar near a map point (open public cases of a category in the grids around it)',
    ],
  },
  {
    collection: 'cases',
    name: 'department_status_created',
    fields: [
      ['departmentId', 'asc'],
      ['status', 'asc'],
      ['createdAt', 'desc'],
      ['_id', 'desc'],
    ],
    uses: ['admin.listCases / dashboard of a department'],
  },
  {
    collection: 'cases',
    name: 'created',
    fields: [
      ['createdAt', 'desc'],
      ['_id', 'desc'],
    ],
    uses: [
      'admin.listCases / dashboard / exports of the street admin (one street per environment: streetId is matched along it)',
      'admin.reviewQueue / reviewCount of the street admin (textsWaiting matched along it)',
      'the case-number backfill (listUnnumberedCases: caseNo missing, read from the old end)',
    ],
  },
  {
    collection: 'cases',
    name: 'status_due',
    fields: [
      ['status', 'asc'],
      ['dueKey', 'asc'],
      ['_id', 'asc'],
    ],
    uses: ['the street admin’s overdue list and counts (statuses + dueKey ≤ now, deadline_asc)', 'pending counts of the street'],
  },
  {
    collection: 'cases',
    name: 'public_created',
    fields: [
      ['isPublic', 'asc'],
      ['createdAt', 'desc'],
      ['_id', 'desc'],
    ],
    uses: ['board.listCases of the whole street', 'resident.findSimilar (public open cases of a building and category, 5 newest)'],
  },
  {
    collection: 'cases',
    name: 'next_check',
    fields: [
      ['nextCheckAt', 'asc'],
      ['_id', 'asc'],
    ],
    uses: ['listDueCases (the timer)'],
  },
  {
    collection: 'case_events',
    name: 'case_seq',
    fields: [
      ['caseId', 'asc'],
      ['seq', 'asc'],
    ],
    unique: true,
    uses: ['getTimeline'],
  },
  {
    collection: 'outbox',
    name: 'status_next_attempt',
    fields: [
      ['status', 'asc'],
      ['nextAttemptAt', 'asc'],
      ['_id', 'asc'],
    ],
    uses: ['claimOutbox (the dispatcher)'],
  },
  {
    collection: 'outbox',
    name: 'status_at',
    fields: [
      ['status', 'asc'],
      ['at', 'asc'],
      ['_id', 'asc'],
    ],
    uses: ['listOutbox'],
  },
  {
    collection: 'inbox_messages',
    name: 'openid_at',
    fields: [
      ['openid', 'asc'],
      ['at', 'desc'],
      ['_id', 'desc'],
    ],
    uses: ['listInbox'],
  },
  {
    collection: 'inbox_messages',
    name: 'openid_read',
    fields: [
      ['openid', 'asc'],
      ['read', 'asc'],
    ],
    uses: ['countUnread', 'markRead'],
  },
  {
    collection: 'tallies',
    name: 'month_community_grid',
    fields: [
      ['month', 'asc'],
      ['communityId', 'asc'],
      ['gridId', 'asc'],
    ],
    uses: ['readTallies (the board and the assessment)'],
  },
];
