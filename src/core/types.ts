export type ResourceKind = 'pipeline' | 'model'

export interface ResourceRef {
  readonly kind: ResourceKind
  readonly id: number
}

export interface Credentials {
  readonly key: string
  readonly token: string
}

/** One status read, as Kondado reported it. Fields Kondado left out are null. */
export interface StatusSnapshot {
  readonly status: string
  readonly isRunning: boolean | null
  readonly isActive: boolean | null
  readonly isBlocked: boolean | null
  readonly kuboStatusType: string | null
  readonly rawMsg: string | null
}
