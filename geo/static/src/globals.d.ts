// The globals the page's script finds in the page: Leaflet's `L` (its types come from
// @types/leaflet) and GeographicLib's `geodesic` (geographiclib-geodesic, vendored), of
// which only what the measure tool calls is declared here.

declare namespace geodesic {
  interface InverseResult {
    s12: number;
  }
  interface PositionResult {
    lat2: number;
    lon2: number;
  }
  interface GeodesicLine {
    s13: number;
    Position(s12: number, outmask: number): PositionResult;
  }
  interface GeodesicEllipsoid {
    Inverse(lat1: number, lon1: number, lat2: number, lon2: number, outmask: number): InverseResult;
    InverseLine(lat1: number, lon1: number, lat2: number, lon2: number, caps: number): GeodesicLine;
  }
  const Geodesic: {
    WGS84: GeodesicEllipsoid;
    DISTANCE: number;
    DISTANCE_IN: number;
    LATITUDE: number;
    LONGITUDE: number;
    LONG_UNROLL: number;
  };
}
