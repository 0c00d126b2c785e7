/**
 * Role permissions the endpoints check (names from the H-spec's `HasRolePermissions::…`; the media,
 * measurement and CML ones are not in the spec and are our guess [I]). The service account has all
 * of them unless the `deniedPermissions` setting takes some away.
 */
export const ALL_PERMISSIONS = [
  'asset_create',
  'asset_edit',
  'asset_delete',
  'project_create',
  'project_edit',
  'project_delete',
  'project_status_edit',
  'media_create',
  'media_edit',
  'media_delete',
  'checklist_create',
  'checklist_edit',
  'defect_create',
  'defect_edit',
  'defect_delete',
  'measurement_create',
  'measurement_edit',
  'measurement_delete',
  'cml_create',
  'user_create',
] as const
