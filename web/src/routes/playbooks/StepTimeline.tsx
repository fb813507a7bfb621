// A playbook drawn as a timeline: each step at its day, with its tone, channels in order of
// preference, template, conditions and what follows when nobody responds.
import type { ReactNode } from 'react';
import { conditionPhrases, nextStepLabels, offsetText, type PlaybookStep } from './describe.ts';

export function StepTimeline({ steps, renderExtra }: { steps: PlaybookStep[]; renderExtra?: (step: PlaybookStep, index: number) => ReactNode }) {
  return (
    <ol className="step-timeline" aria-label="Steps, in order">
      {steps.map((step, index) => {
        const conditions = conditionPhrases(step.conditions);
        return (
          <li key={`${step.key}-${index}`} className={`step tone-${step.tone}`} data-step={step.key}>
            <div className="step-day" aria-hidden="true">
              {step.offsetDays > 0 ? `+${step.offsetDays}` : step.offsetDays}
            </div>
            <div className="step-body">
              <h3>
                {index + 1}. {step.name}
              </h3>
              <p className="step-facts">
                <span>{offsetText(step.offsetDays)}</span>
                <span className={`tone tone-${step.tone}`}>{step.tone}</span>
                <span>
                  by {step.channels.join(', then ')}
                </span>
                <span>
                  template <code>{step.template}</code>
                </span>
              </p>
              <p className="small">{conditions.length > 0 ? `Only for ${conditions.join('; ')}.` : 'For every customer on this playbook.'}</p>
              {step.onNoResponse && (
                <p className="small no-response">
                  No response within {step.onNoResponse.afterDays} day{step.onNoResponse.afterDays === 1 ? '' : 's'}: {step.onNoResponse.channel} with <code>{step.onNoResponse.template}</code>.
                </p>
              )}
              {step.applyCharges && <p className="small">Applies the charges policy (fees, interest, compensation).</p>}
              {step.nextStep && <p className="small">Names {nextStepLabels[step.nextStep]} as the next step, if enabled.</p>}
              {renderExtra?.(step, index)}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
