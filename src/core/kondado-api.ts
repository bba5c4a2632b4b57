// Kondado's API as this action uses it: the paths, and the one mapping from the project's
// words to Kondado's wire format. Pure: no request is sent from here.

import type { ResourceRef } from './types.ts'
import type { DuplicateRequest } from './vocabulary.ts'

export const statusPath = (resource: ResourceRef): string =>
  `/${resource.kind === 'pipeline' ? 'pipelines' : 'models'}/${resource.id}/status`

export const runPath = (pipelineId: number): string => `/pipelines/${pipelineId}/run`

export const DUPLICATE_PATH = '/pipelines'

/** Kondado's wire format for a duplicate, field for field, in the order its API document lists them. */
export function duplicateBody(request: DuplicateRequest): string {
  // An optional field left undefined is left out by JSON.stringify, as Kondado expects of a field not given.
  return JSON.stringify({
    pipeline_id: request.basePipelineId,
    src_collection_id: request.sourceCollectionId,
    dest_collection_id: request.destinationCollectionId,
    client_id: request.clientId,
    name: request.name,
    full_tables: request.fullTables,
    deltas_tables: request.deltasTables,
    overwrite_parameters: request.overwriteParameters,
    execute_immediately: request.runAtOnce ? 'Y' : 'N',
  })
}
