import { en, type Messages } from './en.ts'
import { ptBR } from './pt-BR.ts'

export const LANGUAGES = ['en', 'pt-BR'] as const
export type Language = (typeof LANGUAGES)[number]

const BY_LANGUAGE: Record<Language, Messages> = { en, 'pt-BR': ptBR }

export const messagesFor = (language: Language): Messages => BY_LANGUAGE[language]
export type { Messages }
