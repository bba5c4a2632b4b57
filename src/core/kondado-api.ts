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
  return JSON.stringify({
    pipeline_id: request.basePipelineId,
    src_collection_id: request.sourceCollectionId,
    dest_collection_id: request.destinationCollectionId,
    ...(request.clientId === undefined ? {} : { client_id: request.clientId }),
    ...(request.name === undefined ? {} : { name: request.name }),
    full_tables: request.fullTables,
    ...(request.deltasTables === undefined ? {} : { deltas_tables: request.deltasTables }),
    ...(request.overwriteParameters === undefined ? {} : { overwrite_parameters: request.overwriteParameters }),
    execute_immediately: request.runAtOnce ? 'Y' : 'N',
  })
}
