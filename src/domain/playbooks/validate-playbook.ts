// Whether a playbook file can be used by an organisation: its shape, then the rules that make it
// a sensible escalation (DESIGN §2: friendly first, then firmer; act fast but never harass). Every
// problem names its place in the file and says what to change. Warnings do not stop an import.
import type { CollectionSettings } from '../collection-settings.ts';
import { findTemplate, templateCatalog, type TemplateEntry } from '../templates/catalog.ts';
import { actionKind, playbookSchema, toneRank, type Channel, type Listening, type Playbook, type Step } from './playbook.ts';
import { parseShape, type PathProblem } from './shape-problems.ts';
import { conditionProblems } from './validate-conditions.ts';

export type PlaybookValidation =
  | { ok: true; playbook: Playbook; warnings: PathProblem[] }
  | { ok: false; problems: PathProblem[]; warnings: PathProblem[] };

export function validatePlaybook(input: unknown, context: { settings: CollectionSettings }): PlaybookValidation {
  const shape = parseShape(playbookSchema, input);
  if (!shape.ok) return { ok: false, problems: shape.problems, warnings: [] };
  const playbook = shape.data;
  const problems: PathProblem[] = [];
  const warnings: PathProblem[] = [];
  const { settings } = context;
  playbook.steps.forEach((step, index) => {
    const at = `steps[${index}]`;
    problems.push(...templateProblems(step.template, step.channels, `${at}.template`));
    if (step.onNoResponse) problems.push(...templateProblems(step.onNoResponse.template, [step.onNoResponse.channel], `${at}.onNoResponse.template`));
    problems.push(...legalProblems(step, at, settings));
    problems.push(...conditionProblems(step.conditions, `${at}.conditions`));
    warnings.push(...toneWarnings(step, at));
    const nextStepWarning = disabledNextStep(step, settings);
    if (nextStepWarning) warnings.push({ path: `${at}.nextStep`, message: nextStepWarning });
  });
  if (playbook.instalmentReminder) problems.push(...templateProblems(playbook.instalmentReminder.template, playbook.instalmentReminder.channels, 'instalmentReminder.template', 'plan'));
  problems.push(...listeningProblems(playbook.listening, playbook.steps));
  problems.push(...keyProblems(playbook.steps), ...offsetProblems(playbook.steps), ...ladderProblems(playbook.steps), ...openingProblems(playbook.steps), ...followUpProblems(playbook.steps));
  return problems.length === 0 ? { ok: true, playbook, warnings } : { ok: false, problems: byStep(problems), warnings };
}

/** In the order of the file, so a person can work down it step by step (the sort is stable). */
function byStep(problems: PathProblem[]): PathProblem[] {
  const step = (problem: PathProblem) => Number(/^steps\[(\d+)\]/.exec(problem.path)?.[1] ?? -1);
  return problems.sort((a, b) => step(a) - step(b));
}

/** `step "follow-up" (steps[2])`: how messages point at another step. */
function label(step: Step, index: number): string {
  return `step "${step.key}" (steps[${index}])`;
}

/**
 * What a template is for: a step of the case (the ladder, a follow-up, a listening path's offer),
 * or the instalment reminder step, whose messages the cycle writes with a plan's figures.
 */
type TemplateUse = 'case' | 'plan';
const usedFor = (entry: TemplateEntry): TemplateUse => (entry.planMessage ? 'plan' : 'case');

function templatesFor(channels: readonly Channel[], use: TemplateUse): string[] {
  return templateCatalog.filter((entry) => usedFor(entry) === use && channels.every((channel) => entry.channels.includes(channel))).map((entry) => entry.name);
}

/** What to pick instead: templates that exist on all these channels, else per channel. */
function suggestions(channels: readonly Channel[], use: TemplateUse): string {
  const common = templatesFor(channels, use);
  if (common.length > 0) return `templates for ${channels.join(' and ')}: ${common.join(', ')}`;
  const each = channels.map((channel) => `for ${channel}: ${templatesFor([channel], use).join(', ') || 'none'}`).join('; ');
  return `no template exists for ${channels.join(' and ')} together, so split them into separate steps (${each})`;
}

function templateProblems(name: string, channels: readonly Channel[], path: string, use: TemplateUse = 'case'): PathProblem[] {
  const entry = findTemplate(name);
  if (!entry) return [{ path, message: `there is no template "${name}"; ${suggestions(channels, use)}` }];
  if (usedFor(entry) !== use) {
    const why = use === 'plan' ? `"${name}" is about the invoices of a case, not one instalment of a payment plan` : `"${name}" is about one instalment of a payment plan: the cycle sends it from instalmentReminder, not from a step`;
    return [{ path, message: `${why}; use one of the ${suggestions(channels, use)}` }];
  }
  const missing = channels.filter((channel) => !entry.channels.includes(channel));
  if (missing.length === 0) return [];
  return [
    {
      path,
      message: `"${name}" is a template for ${entry.channels.join(', ')}, not for ${missing.join(' or ')}: remove ${missing.join(' and ')} from the channels, or use one of the ${suggestions(channels, use)}`,
    },
  ];
}

/** Formal legal action is something an organisation opts into; until then no step may threaten it. */
function legalProblems(step: Step, at: string, settings: CollectionSettings): PathProblem[] {
  if (settings.legalEnabled) return [];
  const fix = `enable legal in the settings (legalEnabled) or remove step "${step.key}"`;
  if (step.tone === 'legal') return [{ path: `${at}.tone`, message: `legal steps are disabled for this organisation: ${fix}` }];
  const legalTemplate = [
    { name: step.template, path: `${at}.template` },
    ...(step.onNoResponse ? [{ name: step.onNoResponse.template, path: `${at}.onNoResponse.template` }] : []),
  ].find(({ name }) => findTemplate(name)?.tone === 'legal');
  if (legalTemplate) return [{ path: legalTemplate.path, message: `"${legalTemplate.name}" is a legal template and legal steps are disabled for this organisation: ${fix}` }];
  return [];
}

/** A template written in another tone than its step's is allowed, but usually a slip. */
function toneWarnings(step: Step, at: string): PathProblem[] {
  const entry = findTemplate(step.template);
  if (!entry || entry.tone === step.tone) return [];
  return [{ path: `${at}.template`, message: `"${step.template}" is written in the ${entry.tone} tone but the step is ${step.tone}; check this is what you mean` }];
}

/** Agency and small claims are real only when enabled; settlement and write-off always are. */
function disabledNextStep(step: Step, settings: CollectionSettings): string | undefined {
  const setting = step.nextStep === 'agency' ? 'agencyEnabled' : step.nextStep === 'small_claims' ? 'smallClaimsEnabled' : undefined;
  if (!setting || settings[setting]) return undefined;
  return `${step.nextStep} is not enabled for this organisation, so the final notice will not name it (never threaten a step you do not take); enable it in the settings (${setting}) to have it named`;
}

function keyProblems(steps: readonly Step[]): PathProblem[] {
  const first = new Map<string, number>();
  return steps.flatMap((step, index) => {
    const earlier = first.get(step.key);
    if (earlier === undefined) {
      first.set(step.key, index);
      return [];
    }
    return [{ path: `steps[${index}].key`, message: `"${step.key}" is already the key of steps[${earlier}]: give every step its own key` }];
  });
}

function offsetProblems(steps: readonly Step[]): PathProblem[] {
  const problems: PathProblem[] = [];
  let beforeDue: number | undefined;
  steps.forEach((step, index) => {
    const at = `steps[${index}].offsetDays`;
    const previous = steps[index - 1];
    if (previous && step.offsetDays <= previous.offsetDays) {
      problems.push({
        path: at,
        message: `${label(step, index)} on day ${step.offsetDays} is not after ${label(previous, index - 1)} on day ${previous.offsetDays}: each step must come later than the one before it, so put the steps in order of offsetDays or make this one ${previous.offsetDays + 1} or more`,
      });
    }
    if (step.offsetDays < 0) {
      // One courtesy note before anything is owed; more would be nagging.
      if (beforeDue === undefined) beforeDue = index;
      else {
        problems.push({
          path: at,
          message: `only one step may come before the due date and ${label(steps[beforeDue]!, beforeDue)} already does: make this one 0 or later, or remove one of them`,
        });
      }
    }
  });
  return problems;
}

/**
 * Tones only go up friendly → firm → final → legal: a friendlier message after a firmer one undoes
 * the escalation. A review task is work for a person, never heard by the debtor, so it may keep
 * the tone of the step before (or any) and does not move the ladder.
 */
function ladderProblems(steps: readonly Step[]): PathProblem[] {
  const problems: PathProblem[] = [];
  let firmest: number | undefined;
  steps.forEach((step, index) => {
    if (step.channels.every((channel) => channel === 'review')) return;
    const top = firmest === undefined ? undefined : steps[firmest]!;
    if (top && toneRank(step.tone) < toneRank(top.tone)) {
      problems.push({
        path: `steps[${index}].tone`,
        message: `${label(step, index)} is "${step.tone}", friendlier than ${label(top, firmest!)}, which is "${top.tone}": tones only go up friendly → firm → final → legal, so make this step "${top.tone}" or firmer, or move it before that step`,
      });
      return;
    }
    firmest = index;
  });
  return problems;
}

/**
 * A case opens with its first step after the due date, however old the debt (src/domain/cycle/
 * case-progress.ts): that first message must be friendly.
 */
function openingProblems(steps: readonly Step[]): PathProblem[] {
  const index = steps.findIndex((step) => step.offsetDays >= 0 && !step.channels.every((channel) => channel === 'review'));
  const step = steps[index];
  if (!step || step.tone === 'friendly') return [];
  return [
    {
      path: `steps[${index}].tone`,
      message: `${label(step, index)} is the first message of every case, which is always friendly (a debt never chased starts at the beginning, however old): make it "friendly", or add a friendly step before it`,
    },
  ];
}

/** A follow-up that lands on or after the next step would double up on the debtor that day. */
function followUpProblems(steps: readonly Step[]): PathProblem[] {
  return steps.flatMap((step, index) => {
    const next = steps[index + 1];
    if (!step.onNoResponse || !next) return [];
    const day = step.offsetDays + step.onNoResponse.afterDays;
    if (day < next.offsetDays) return [];
    const latest = next.offsetDays - step.offsetDays - 1;
    const fix = latest >= 1 ? `make afterDays at most ${latest}` : 'remove onNoResponse';
    return [
      {
        path: `steps[${index}].onNoResponse.afterDays`,
        message: `the ${actionKind(step.onNoResponse.channel) === 'task' ? 'follow-up task' : 'follow-up'} would come on day ${day}, not before the next ${label(next, index + 1)} on day ${next.offsetDays}: ${fix}, or move the next step later`,
      },
    ];
  });
}

/**
 * The listening paths (playbook.ts): a plan offer is a friendly message with a template for its
 * channels; the firm path jumps to a message step of the schedule after the due date; a dispute
 * said on a call always opens the dispute workflow, and only a dispute does.
 */
function listeningProblems(listening: Listening | undefined, steps: readonly Step[]): PathProblem[] {
  if (!listening) return [];
  return Object.entries(listening).flatMap(([outcome, path]): PathProblem[] => {
    const at = `listening.${outcome}`;
    if (outcome === 'dispute' && path.path !== 'dispute') return [{ path: `${at}.path`, message: 'a dispute said on a call always opens a dispute: use the "dispute" path or leave it out' }];
    switch (path.path) {
      case 'dispute':
        return outcome === 'dispute' ? [] : [{ path: `${at}.path`, message: `the dispute path follows a dispute only; for "${outcome}" choose sympathetic, firm or verify` }];
      case 'sympathetic': {
        const problems = templateProblems(path.offer.template, path.offer.channels, `${at}.offer.template`);
        const tone = findTemplate(path.offer.template)?.tone;
        if (tone && tone !== 'friendly') problems.push({ path: `${at}.offer.template`, message: `"${path.offer.template}" is written in the ${tone} tone: the plan offer of the sympathetic path must be friendly (e.g. "plan-offer")` });
        return problems;
      }
      case 'firm': {
        const step = steps.find((candidate) => candidate.key === path.finalStep);
        const keys = steps.filter((candidate) => candidate.offsetDays >= 0 && !candidate.channels.every((channel) => channel === 'review')).map((candidate) => candidate.key);
        if (!step || !keys.includes(step.key)) return [{ path: `${at}.finalStep`, message: `"${path.finalStep}" is not a message step of this playbook after the due date; choose one of ${keys.join(', ')}` }];
        return [];
      }
      case 'verify':
        return [];
    }
  });
}
