// Accessibility check of the page a browser test is on: axe-core (npm, pinned in package.json) is
// injected into the page and run against WCAG 2.x A/AA rules. A serious or critical violation fails
// the scenario with the rule, its impact and the offending elements; minor and moderate ones are
// returned so a caller can report them. Every page a browser test visits should pass through this.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const BLOCKING = new Set(['serious', 'critical']);

/// Runs axe on `page` (a playwright-core Page). `label` names the page in the failure message.
/// Throws when any serious or critical violation is found; returns the other violations.
export async function checkA11y(page, label) {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  const blocking = result.violations.filter((v) => BLOCKING.has(v.impact));
  if (blocking.length) {
    const lines = blocking.map(
      (v) => `  ${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join('\n    ')}`,
    );
    throw new Error(`axe-core on ${label}: ${blocking.length} serious or critical violation(s)\n${lines.join('\n')}`);
  }
  return result.violations;
}
