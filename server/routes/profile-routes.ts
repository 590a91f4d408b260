import type { FastifyPluginAsync } from 'fastify';
import type { ProfileScopeOptions } from '../plugins/profile-access.js';
import { bookingRoutes } from './booking.js';
import { documentRoutes } from './documents.js';
import { fileRoutes } from './files.js';
import { uploadRoutes } from './uploads.js';

/**
 * Every route plugin that acts for one profile, registered under
 * `/p/:practice/profiles/:profileId` behind the session and profile guards (R41). Add a
 * widget's routes here, each route naming its `config.profilePermission`.
 */
export const PROFILE_ROUTE_PLUGINS: Array<FastifyPluginAsync<ProfileScopeOptions>> = [bookingRoutes, fileRoutes, uploadRoutes, documentRoutes];
