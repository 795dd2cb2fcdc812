// Paper identifiers for sessions and talks. Stand-in until project.yml's checked identifiers land in core (the
// `fields` branch writes them); then this module re-exports those.
import * as z from 'zod';

const ARXIV = /^arxiv:(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v[1-9]\d{0,2})?$/;
const DOI = /^doi:10\.\d{4,9}(?:\.\d+)*\/\S+$/;

export const PaperIdentifier = z
  .string()
  .max(300)
  .refine(
    (text) => ARXIV.test(text) || DOI.test(text),
    'must be a paper identifier, like arxiv:2211.00593 or doi:10.48550/arXiv.2301.05217',
  )
  .meta({ description: 'A paper: arxiv:<id> or doi:<doi>.' });

/** Where a checked identifier is read on the web. */
export function paperUrl(text: string): string | undefined {
  if (ARXIV.test(text)) return `https://arxiv.org/abs/${text.slice('arxiv:'.length)}`;
  if (DOI.test(text))
    return `https://doi.org/${text.slice('doi:'.length).split('/').map(encodeURIComponent).join('/')}`;
  return undefined;
}
