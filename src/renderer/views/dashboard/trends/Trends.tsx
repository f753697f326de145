import { AlertVolumeChart } from './AlertVolumeChart';
import { NoisiestCard } from './NoisiestCard';
import { OfflineChart } from './OfflineChart';
import { PatchComplianceChart } from './PatchComplianceChart';
import './trends.css';

/** How the fleet has been doing: alert volume, the noisiest devices and conditions, patches, outages. */
export function Trends() {
  return (
    <section className="trends" aria-labelledby="trends-title">
      <h2 id="trends-title" className="section-title">
        Trends
      </h2>
      <div className="trend-grid">
        <AlertVolumeChart />
        <NoisiestCard />
        <PatchComplianceChart />
        <OfflineChart />
      </div>
    </section>
  );
}
