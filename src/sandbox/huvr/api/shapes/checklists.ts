import type {
  ChecklistRecord,
  ChecklistRevision,
  ChecklistTemplateRecord,
} from '../../state/records'
import type { ApiContext } from '../context'
import { assetSlimById } from './assets'
import { userLite } from './people'
import { projectLite } from './projects'

/** Checklist instances ("forms") and their templates. */

export function templateSlim(record: ChecklistTemplateRecord) {
  return {
    id: record.id,
    name: record.name,
    description: record.description,
    categories: record.categories,
    state: record.state,
    type: record.type,
    version: record.version,
  }
}

export function templateSlimById(ctx: ApiContext, id: number | null) {
  const record = id === null ? undefined : ctx.state.tables.checklistTemplates.get(id)
  return record === undefined ? null : templateSlim(record)
}

function templateKeys(record: ChecklistTemplateRecord): string[] {
  return record.sections.flatMap((section) =>
    section.lines.map((line) => `${section.key}.${line.key}`),
  )
}

export function templateList(ctx: ApiContext, record: ChecklistTemplateRecord) {
  return {
    ...templateSlim(record),
    schema_version: 1,
    template_keys: templateKeys(record),
    default_actions: {},
    checklist_count: ctx.runtime.indexes.checklistCountByTemplate().get(record.id) ?? 0,
  }
}

export function templateFull(ctx: ApiContext, record: ChecklistTemplateRecord) {
  return { ...templateList(ctx, record), definitions: {}, sections: record.sections }
}

export function checklistProgress(ctx: ApiContext, checklist: ChecklistRecord) {
  const template = ctx.state.tables.checklistTemplates.get(checklist.template_id)
  const total = template?.sections.reduce((sum, section) => sum + section.lines.length, 0) ?? 0
  const answered = Object.values(checklist.results).reduce(
    (sum, section) => sum + Object.values(section).filter((answer) => answer.value !== null).length,
    0,
  )
  return {
    answered,
    total,
    percent: total === 0 ? 0 : Math.round((Math.min(answered, total) / total) * 100),
  }
}

function summary(ctx: ApiContext, checklist: ChecklistRecord): string {
  const template = ctx.state.tables.checklistTemplates.get(checklist.template_id)
  const { answered, total } = checklistProgress(ctx, checklist)
  return `${template?.name ?? 'Checklist'}: ${answered} of ${total} answered`
}

/** ChecklistInstance: retrieve, create and edit answers. */
export function checklistInstance(ctx: ApiContext, checklist: ChecklistRecord) {
  const template = ctx.state.tables.checklistTemplates.get(checklist.template_id)
  return {
    id: checklist.id,
    template_id: checklist.template_id,
    template: template === undefined ? null : templateFull(ctx, template),
    asset: assetSlimById(ctx, checklist.asset),
    project: projectLite(ctx, checklist.project),
    created_by: userLite(ctx, checklist.created_by),
    uploaded_by: checklist.uploaded_by,
    edit: checklist.edit,
    flags: checklist.flags,
    progress: checklistProgress(ctx, checklist),
    results: checklist.results,
    summary: summary(ctx, checklist),
    tasks: [],
    schedule_tasks: checklist.schedule_tasks,
    reports: [],
    work_done_on: checklist.work_done_on,
    created_on: checklist.created_on,
    updated_on: checklist.updated_on,
  }
}

/** ChecklistInstanceList: list items (template as a list object, no answers). */
export function checklistListItem(ctx: ApiContext, checklist: ChecklistRecord) {
  const template = ctx.state.tables.checklistTemplates.get(checklist.template_id)
  return {
    id: checklist.id,
    asset: assetSlimById(ctx, checklist.asset),
    project: projectLite(ctx, checklist.project),
    created_by: userLite(ctx, checklist.created_by),
    flags: checklist.flags,
    progress: checklistProgress(ctx, checklist),
    reports: [],
    summary: summary(ctx, checklist),
    tasks: [],
    template: template === undefined ? null : templateList(ctx, template),
    work_done_on: checklist.work_done_on,
    created_on: checklist.created_on,
    updated_on: checklist.updated_on,
  }
}

export function checklistSlim(ctx: ApiContext, id: number | null) {
  const record = id === null ? undefined : ctx.state.tables.checklists.get(id)
  if (record === undefined) return null
  const template = ctx.state.tables.checklistTemplates.get(record.template_id)
  return { id: record.id, template_name: template?.name ?? null, created_on: record.created_on }
}

/** The flat checklist object an InspectionMedia embeds. */
export function checklistInline(ctx: ApiContext, id: number | null) {
  const record = id === null ? undefined : ctx.state.tables.checklists.get(id)
  if (record === undefined) return null
  return {
    id: record.id,
    asset: record.asset,
    cml: null,
    created_by: record.created_by,
    flags: record.flags,
    progress: checklistProgress(ctx, record),
    project: record.project,
    results: record.results,
    summary: summary(ctx, record),
    template: record.template_id,
    template_cache: null,
    work_done_on: record.work_done_on,
    created_on: record.created_on,
    updated_on: record.updated_on,
  }
}

export function revision(ctx: ApiContext, checklist: ChecklistRecord, entry: ChecklistRevision) {
  return {
    id: entry.id,
    instance: checklist.id,
    edit: entry.edit,
    revert: entry.revert,
    uploaded_by: userLite(ctx, entry.uploaded_by),
    updated_on: entry.updated_on,
  }
}
