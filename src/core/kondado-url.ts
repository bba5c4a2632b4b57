import type { Credentials, ResourceRef } from './types.ts'

/**
 * The one place that builds API URLs. The credentials go into the query string, as Kondado
 * requires, so a URL from here is a secret: it is handed to the transport and nowhere else.
 */
export function apiUrl(baseUrl: URL, path: string, credentials: Credentials): URL {
  const url = new URL(baseUrl.href.replace(/\/+$/, '') + path)
  url.searchParams.set('key', credentials.key)
  url.searchParams.set('token', credentials.token)
  return url
}

const APP_URL = 'https://app.kondado.com.br'

/** The app's list of pipelines, to look for one whose id is not known. */
export const APP_PIPELINES_URL = `${APP_URL}/pipelines`

/** Where a person sees the resource in the Kondado app. */
export function appUrl(resource: ResourceRef): string {
  return `${APP_URL}/${resource.kind === 'pipeline' ? 'pipelines' : 'models'}/${resource.id}`
}
