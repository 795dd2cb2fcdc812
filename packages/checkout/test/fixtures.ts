export const TODAY = '2026-11-24';

/** The smallest project.yml that loads without a diagnostic. */
export const VALID_YAML = `title: Induction heads
status: active
summary: When do induction heads form?
leads:
  - github: alice
`;
