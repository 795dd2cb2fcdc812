import { parseTemplate } from '@github/issue-parser';
import { parse as parseYaml } from 'yaml';
import { PROPOSAL_TEMPLATE } from './template.ts';

/** The form field ids the proposal parser reads; labels and wording come from the template. */
export const PROPOSAL_FIELDS = [
  'title',
  'summary',
  'question',
  'leads',
  'milestones',
  'tags',
  'links',
  'papers',
  'models',
  'datasets',
  'compute',
  'help_wanted',
  'time_commitment',
  'discord',
  'slug',
] as const;
export type ProposalFieldId = (typeof PROPOSAL_FIELDS)[number];

/** Fields the project cannot exist without, whatever the template says. */
const ALWAYS_REQUIRED: ReadonlySet<string> = new Set(['title', 'summary']);

export interface FormField {
  id: string;
  label: string;
  type: 'textarea' | 'input' | 'dropdown' | 'checkboxes';
  required: boolean;
  description?: string;
}

export interface ProposalForm {
  /** The template text, handed to @github/issue-parser as is. */
  template: string;
  fields: Map<string, FormField>;
  /** Label → field id; labels are what GitHub writes as `### ` headings in the issue body. */
  byLabel: Map<string, string>;
}

export type FormResult = { form: ProposalForm; error?: undefined } | { form?: undefined; error: string };

const cache = new Map<string, FormResult>();

/** Reads an issue form template; never throws, an unusable template comes back as an error. */
export function loadProposalForm(template: string = PROPOSAL_TEMPLATE): FormResult {
  const cached = cache.get(template);
  if (cached) return cached;
  const result = readForm(template);
  if (cache.size > 8) cache.clear();
  cache.set(template, result);
  return result;
}

function readForm(template: string): FormResult {
  let parsed: ReturnType<typeof parseTemplate>;
  let descriptions: Map<string, string>;
  try {
    parsed = parseTemplate(template);
    descriptions = readDescriptions(template);
  } catch (error) {
    return { error: `the issue form template could not be read: ${(error as Error).message}` };
  }
  const fields = new Map<string, FormField>();
  const byLabel = new Map<string, string>();
  for (const [id, field] of Object.entries(parsed)) {
    if (field.type === 'markdown' || typeof field.label !== 'string') continue;
    const description = descriptions.get(id);
    fields.set(id, {
      id,
      label: field.label,
      type: field.type,
      required: field.required || ALWAYS_REQUIRED.has(id),
      ...(description ? { description } : {}),
    });
    byLabel.set(normaliseLabel(field.label), id);
  }
  const missing = [...ALWAYS_REQUIRED].filter((id) => !fields.has(id));
  if (missing.length > 0) {
    return { error: `the issue form template has no field with id ${missing.map((id) => `"${id}"`).join(' or ')}` };
  }
  return { form: { template, fields, byLabel } };
}

function readDescriptions(template: string): Map<string, string> {
  const doc = parseYaml(template) as { body?: Array<{ id?: unknown; attributes?: { description?: unknown } }> };
  const map = new Map<string, string>();
  for (const item of doc?.body ?? []) {
    if (typeof item?.id === 'string' && typeof item.attributes?.description === 'string') {
      map.set(item.id, item.attributes.description.trim());
    }
  }
  return map;
}

/** Heading text compared without case and surrounding space, as people retype headings. */
export function normaliseLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The label people see for a field id, falling back to the id when the template lacks it. */
export function fieldLabel(form: ProposalForm | undefined, id: string): string {
  return form?.fields.get(id)?.label ?? id;
}
