import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DESTRUCTION_METHODS, MEDIA_DESTINATIONS, SANITIZATION_TYPES, VERIFICATION_METHODS } from '../../../shared/rpc/contract';

type Method = (typeof DESTRUCTION_METHODS)[number];
type MethodType = (typeof SANITIZATION_TYPES)[number];
type Verification = (typeof VERIFICATION_METHODS)[number];
type Destination = (typeof MEDIA_DESTINATIONS)[number];

export interface DestructionChoice {
  readonly method: Method;
  readonly methodType: MethodType;
  readonly verification: Verification;
  readonly destination: Destination;
  readonly tool: string;
  readonly toolVersion: string;
}

export interface DestructionFieldsState extends DestructionChoice {
  set(change: Partial<DestructionChoice>): void;
  /** The fields as packages.destroy and jobs.destroyDrives take them (empty texts left out). */
  params(): { method: Method; methodType: MethodType; verification: Verification; destination: Destination; tool?: string; toolVersion?: string };
}

/** The NIST SP 800-88 fields a destruction asks for, with the desk's usual answers first. */
export function useDestructionFields(): DestructionFieldsState {
  const [choice, setChoice] = useState<DestructionChoice>({
    method: 'shredding',
    methodType: 'destroy',
    verification: 'full',
    destination: 'recyclingFacility',
    tool: '',
    toolVersion: '',
  });
  return {
    ...choice,
    set: (change) => setChoice((old) => ({ ...old, ...change })),
    params: () => ({
      method: choice.method,
      methodType: choice.methodType,
      verification: choice.verification,
      destination: choice.destination,
      ...(choice.tool.trim() === '' ? {} : { tool: choice.tool.trim() }),
      ...(choice.toolVersion.trim() === '' ? {} : { toolVersion: choice.toolVersion.trim() }),
    }),
  };
}

/** The sanitisation method type, method, tool, verification and destination, as the certificate prints them. */
export function DestructionFields({ fields }: { readonly fields: DestructionFieldsState }) {
  const { t } = useTranslation();
  return (
    <fieldset className="destruction-fields">
      <legend>{t('destroy.legend')}</legend>
      <label className="field">
        <span>{t('destroy.methodType')}</span>
        <select value={fields.methodType} onChange={(event) => fields.set({ methodType: event.target.value as MethodType })} data-testid="destroy-method-type">
          {SANITIZATION_TYPES.map((value) => (
            <option key={value} value={value}>
              {t(`destroy.methodTypes.${value}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('destroy.method')}</span>
        <select value={fields.method} onChange={(event) => fields.set({ method: event.target.value as Method })} data-testid="destroy-method">
          {DESTRUCTION_METHODS.map((value) => (
            <option key={value} value={value}>
              {t(`destroy.methods.${value}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('destroy.tool')}</span>
        <input type="text" value={fields.tool} onChange={(event) => fields.set({ tool: event.target.value })} data-testid="destroy-tool" />
      </label>
      <label className="field">
        <span>{t('destroy.toolVersion')}</span>
        <input type="text" value={fields.toolVersion} onChange={(event) => fields.set({ toolVersion: event.target.value })} />
      </label>
      <label className="field">
        <span>{t('destroy.verification')}</span>
        <select value={fields.verification} onChange={(event) => fields.set({ verification: event.target.value as Verification })} data-testid="destroy-verification">
          {VERIFICATION_METHODS.map((value) => (
            <option key={value} value={value}>
              {t(`destroy.verifications.${value}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('destroy.destination')}</span>
        <select value={fields.destination} onChange={(event) => fields.set({ destination: event.target.value as Destination })} data-testid="destroy-destination">
          {MEDIA_DESTINATIONS.map((value) => (
            <option key={value} value={value}>
              {t(`destroy.destinations.${value}`)}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
