/** A category tick in two lines: an English id above its Chinese name ("dibao" / "低保"). */
export function TwoLineTick(props: { x?: number; y?: number; payload?: { value: string } }) {
  const { x = 0, y = 0, payload } = props;
  const [first, ...rest] = String(payload?.value ?? '').split(' ');
  return (
    <g transform={`translate(${x},${y})`}>
      <text x={0} y={0} dy={12} textAnchor="middle" fill="#8a93a3" fontSize={11}>
        <tspan x={0}>{first}</tspan>
        {rest.length > 0 && (
          <tspan x={0} dy={14}>
            {rest.join(' ')}
          </tspan>
        )}
      </text>
    </g>
  );
}
