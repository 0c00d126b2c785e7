import type { ChecklistAnswer, ChecklistRecord, ChecklistResults } from '../../state/records'
import type { ApiContext } from '../context'
import { created, findOr404, listEndpoint, ok } from '../endpoints'
import {
  assetSubtree,
  booleanExact,
  choiceExact,
  foreignKey,
  integerIn,
  textExact,
  timestampFilter,
} from '../filters'
import type { Listing } from '../listing'
import type { ApiRouter } from '../router'
import { checklistInstance, checklistListItem, revision } from '../shapes/checklists'
import { validateBody } from '../validation'

/**
 * `/api/checklists/` (forms). There is no PUT, PATCH or DELETE on an instance [C H-spec]: answers
 * change through `POST {id}/edit/`, each edit stored as a revision; `results` is every non-reverted
 * edit merged in order. The answer format (section → line → {value, notes}) is ours [U].
 */

export const checklistListing: Listing<ChecklistRecord> = {
  resource: 'checklists',
  rows: (state) => state.tables.checklists.all(),
  filters: () => ({
    asset: foreignKey('assets', (checklist) => checklist.asset),
    asset__id: foreignKey('assets', (checklist) => checklist.asset),
    project: foreignKey('projects', (checklist) => checklist.project),
    template: foreignKey('checklistTemplates', (checklist) => checklist.template_id),
    template__id__in: integerIn((checklist) => checklist.template_id),
    template__name: textExact(
      (checklist, env) => env.state.tables.checklistTemplates.get(checklist.template_id)?.name,
    ),
    template__type: choiceExact(
      ['ANYTIME', 'PROJECT', 'ALL'],
      (checklist, env) => env.state.tables.checklistTemplates.get(checklist.template_id)?.type,
    ),
    created_by: foreignKey('users', (checklist) => checklist.created_by),
    created_by_me: booleanExact((checklist, env) => checklist.created_by === env.user?.id),
    created_on: timestampFilter('exact', (checklist) => checklist.created_on),
    descendants: assetSubtree((checklist) => checklist.asset),
  }),
  searchable: {
    template__name: (checklist, state) =>
      state.tables.checklistTemplates.get(checklist.template_id)?.name,
  },
  orderable: {
    id: (checklist) => checklist.id,
    created_on: (checklist) => checklist.created_on,
    updated_on: (checklist) => checklist.updated_on,
    work_done_on: (checklist) => checklist.work_done_on,
  },
}

export function registerChecklistRoutes(router: ApiRouter): void {
  router.add('/api/checklists/', {
    GET: listEndpoint(checklistListing, checklistListItem),
    POST: { permission: 'checklist_create', handle: createChecklist },
  })
  router.add('/api/checklists/:id/', {
    GET: { handle: (ctx) => ok(checklistInstance(ctx, findOr404(ctx, 'checklists'))) },
  })
  router.add('/api/checklists/:id/edit/', {
    POST: { permission: 'checklist_edit', handle: editChecklist },
  })
  router.add('/api/checklists/:id/revisions/', {
    // A bare array [C H-spec].
    GET: {
      handle(ctx) {
        const checklist = findOr404(ctx, 'checklists')
        return ok(checklist.revisions.map((entry) => revision(ctx, checklist, entry)))
      },
    },
  })
}

/** Accepts `{section: {line: value}}` or `{section: {line: {value, notes}}}`. */
function answersOf(edit: unknown): ChecklistResults {
  const results: ChecklistResults = {}
  if (typeof edit !== 'object' || edit === null || Array.isArray(edit)) return results
  for (const [sectionKey, section] of Object.entries(edit)) {
    if (typeof section !== 'object' || section === null || Array.isArray(section)) continue
    const answers: Record<string, ChecklistAnswer> = {}
    for (const [lineKey, answer] of Object.entries(section as Record<string, unknown>)) {
      if (typeof answer === 'object' && answer !== null && !Array.isArray(answer)) {
        const given = answer as { value?: unknown; notes?: unknown }
        answers[lineKey] = {
          value: scalar(given.value),
          notes: typeof given.notes === 'string' ? given.notes : null,
        }
      } else {
        answers[lineKey] = { value: scalar(answer), notes: null }
      }
    }
    results[sectionKey] = answers
  }
  return results
}

function scalar(value: unknown): ChecklistAnswer['value'] {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? value
    : null
}

function mergedResults(checklist: Pick<ChecklistRecord, 'revisions'>): ChecklistResults {
  const results: ChecklistResults = {}
  for (const entry of checklist.revisions) {
    if (entry.revert) continue
    for (const [sectionKey, answers] of Object.entries(answersOf(entry.edit))) {
      results[sectionKey] = { ...results[sectionKey], ...answers }
    }
  }
  return results
}

function createChecklist(ctx: ApiContext) {
  const values = validateBody(
    {
      template_id: { kind: 'pk', table: 'checklistTemplates', required: true },
      uploaded_by: { kind: 'pk', table: 'users', required: true },
      created_by: { kind: 'pk', table: 'users', nullable: true },
      edit: { kind: 'json' },
      schedule_task: { kind: 'integer' },
      // [U] Not in ChecklistInstanceCreate; accepted so a form can be tied to its work order.
      project: { kind: 'pk', table: 'projects', nullable: true },
      asset: { kind: 'pk', table: 'assets', nullable: true },
    },
    ctx.body(),
    { partial: false, state: ctx.state },
  )
  const now = ctx.state.now()
  const project = (values['project'] as number | null | undefined) ?? null
  const edit = (values['edit'] as Record<string, unknown> | undefined) ?? {}
  const uploadedBy = values['uploaded_by'] as number
  const revisions = [
    {
      id: ++ctx.state.revisionSequence,
      edit,
      revert: false,
      uploaded_by: uploadedBy,
      updated_on: now,
    },
  ]
  const record: ChecklistRecord = {
    id: ctx.state.tables.checklists.allocateId(),
    template_id: values['template_id'] as number,
    project,
    asset:
      (values['asset'] as number | null | undefined) ??
      (project === null ? null : (ctx.state.tables.projects.get(project)?.asset ?? null)),
    created_by: (values['created_by'] as number | null | undefined) ?? ctx.me.id,
    uploaded_by: uploadedBy,
    edit,
    results: mergedResults({ revisions }),
    flags: {},
    schedule_tasks: [],
    work_done_on: now,
    revisions,
    created_on: now,
    updated_on: now,
  }
  return created(checklistInstance(ctx, ctx.state.insert('checklists', record)))
}

function editChecklist(ctx: ApiContext) {
  const checklist = findOr404(ctx, 'checklists')
  const values = validateBody(
    { edit: { kind: 'json', required: true }, revert: { kind: 'boolean' } },
    ctx.body(),
    { partial: false, state: ctx.state },
  )
  const edit = (values['edit'] as Record<string, unknown> | null) ?? {}
  const revisions = [
    ...checklist.revisions,
    {
      id: ++ctx.state.revisionSequence,
      edit,
      revert: values['revert'] === true,
      uploaded_by: ctx.me.id,
      updated_on: ctx.state.now(),
    },
  ]
  const updated = ctx.state.edit('checklists', checklist.id, {
    edit,
    revisions,
    results: mergedResults({ revisions }),
    uploaded_by: ctx.me.id,
  })
  return ok(checklistInstance(ctx, updated))
}
