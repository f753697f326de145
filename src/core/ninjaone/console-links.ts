/** The NinjaOne web console's stable page for a device (what technicians bookmark). */
export function deviceLink(ninjaOneUrl: string, deviceId: number): string {
  return `${ninjaOneUrl.replace(/\/+$/, '')}/#/deviceDashboard/${deviceId}/overview`;
}
