import { render } from 'preact';
import { App } from './app.js';
import { language } from './i18n.js';
import { registerMutations, watchConnection } from './offline/outbox.js';
import {
  LogVolunteerHours,
  OpenCentre,
  RecordCulturalEvent,
  RecordLegalConsultation,
  RegisterParticipant,
  RegisterVolunteer,
  RemoveAttendance,
  ScheduleWorkshop,
} from './api/operations.js';
import { restoreSession } from './state.js';
import './styles.css';

document.documentElement.lang = language().tag;
// What the outbox may send after a reload, by name.
registerMutations(LogVolunteerHours, OpenCentre, RecordCulturalEvent, RecordLegalConsultation, RegisterParticipant, RegisterVolunteer, RemoveAttendance, ScheduleWorkshop);
watchConnection();
render(<App />, document.getElementById('app')!);
void restoreSession();

// The app shell for offline use (only where service workers are allowed: https or localhost).
if ('serviceWorker' in navigator && import.meta.env.PROD) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  });
}
