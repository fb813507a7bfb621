// What the playbook screens read.
import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';

export const playbookListQuery = queryOptions({ queryKey: ['playbooks'], queryFn: () => unwrap(api.GET('/api/v1/playbooks', { params: { query: { limit: 500 } } })) });
export const playbookRulesQuery = queryOptions({ queryKey: ['playbook-rules'], queryFn: () => unwrap(api.GET('/api/v1/playbook-rules')) });
export const playbookQuery = (name: string, version?: number) =>
  queryOptions({
    queryKey: ['playbook', name, version ?? 'in-use'],
    queryFn: () => unwrap(api.GET('/api/v1/playbooks/{name}', { params: { path: { name }, query: version === undefined ? {} : { version } } })),
  });
