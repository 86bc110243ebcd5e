import {
  LeaderboardResponse,
  SettingsResponse,
  type SettingsUpdate,
  VerificationResendResponse,
  WebhookSecretResponse,
} from '@velog-insights/shared';
import { call } from './api.js';

/** The settings and sharing routes, parsed by the same shared schemas the API answers with. */
export const sharingApi = {
  settings: () => call(SettingsResponse, '/api/settings'),
  saveSettings: (body: SettingsUpdate) =>
    call(SettingsResponse, '/api/settings', { method: 'PUT', body }),
  resendVerification: () =>
    call(VerificationResendResponse, '/api/settings/email/resend', { method: 'POST' }),
  webhookSecret: () => call(WebhookSecretResponse, '/api/settings/webhook-secret'),
  rotateWebhookSecret: () =>
    call(WebhookSecretResponse, '/api/settings/webhook-secret', { method: 'POST' }),
  leaderboard: (by: 'views' | 'likes', days: 7 | 30) =>
    call(LeaderboardResponse, `/api/leaderboard?by=${by}&days=${days}&limit=20`),
};
