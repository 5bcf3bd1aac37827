/** An edition form as a browser posts it, every required field filled: tests add or spoil one field. */
export const POSTED_EDITION = {
  title: "Santé mentale",
  date: "2027-03-11",
  startTime: "09:00",
  endTime: "16:30",
  venueId: "1",
  capacity: "120",
} as const;
