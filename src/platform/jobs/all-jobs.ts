import { registerLinkJobs } from '../../monitoring/links/links.jobs.js';
import { registerMonitoringJobs } from '../../monitoring/monitoring.jobs.js';
import { registerCatalogueJobs } from '../../catalogue/catalogue.jobs.js';
import { registerRequestJobs } from '../../requests/requests.jobs.js';
import { registerSearchJobs } from '../../search/search.jobs.js';
import { registerPlatformJobs } from './builtin.jobs.js';
import { registerMailJobs } from '../mail/mail.js';
import { JobRegistry } from './jobs.registry.js';

/**
 * Every job of the application, in one place: a domain with background work adds its
 * `register…Jobs(registry)` call here (wiring only).
 */
export function buildJobRegistry(): JobRegistry {
  const registry = new JobRegistry();
  registerPlatformJobs(registry);
  registerMailJobs(registry);
  registerCatalogueJobs(registry);
  registerLinkJobs(registry);
  registerMonitoringJobs(registry);
  registerSearchJobs(registry);
  registerRequestJobs(registry);
  return registry;
}
