import { useState } from 'react';
import { useDialogAction } from './useDialogAction.js';

/**
 * The form-then-secret flow that creating an API key and connecting an app share: a name and at least one
 * right, checked before anything is sent, then what was created (its secret shown once) until the dialog
 * closes, which forgets it. `resetOwn` clears the dialog's own fields (an expiry, a kind).
 */
export function useCredentialForm<Created>(onClose: () => void, resetOwn: () => void) {
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [problem, setProblem] = useState<'name' | 'choice' | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const { busy, actionError, clearActionError, run } = useDialogAction();
  return {
    name,
    setName,
    chosen,
    setChosen,
    problem,
    created,
    busy,
    actionError,
    close: () => {
      setName('');
      setChosen([]);
      setProblem(null);
      setCreated(null);
      resetOwn();
      clearActionError();
      onClose();
    },
    /** Sends the form through `create` once the name and the choice are there; says which is missing otherwise. */
    submit: (create: (name: string, chosen: string[]) => Promise<Created>) => {
      if (!name.trim()) return setProblem('name');
      if (chosen.length === 0) return setProblem('choice');
      setProblem(null);
      void run(async () => setCreated(await create(name.trim(), chosen)));
    },
  };
}
