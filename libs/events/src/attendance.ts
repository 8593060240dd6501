/** Figures for one event. */
export interface Attendance {
  going: number;
  waitlisted: number;
  cancelled: number;
  checkedIn: number;
  walkIns: number;
}
