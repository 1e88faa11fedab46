import { CanAccess } from '@refinedev/core';
import type { ReactNode } from 'react';
import { Page } from '../shell/Shell';

/** Hides an administrator's screen from everyone else; the server refuses the same calls with 403. */
export function AdminOnly({ resource, children }: { resource: string; children: ReactNode }) {
  return (
    <CanAccess
      resource={resource}
      action="list"
      fallback={
        <Page
          trail={['Administration']}
          title="Administrators only"
          description="Ask an administrator of your workspace if you need this page."
        >
          {null}
        </Page>
      }
    >
      {children}
    </CanAccess>
  );
}
