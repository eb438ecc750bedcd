/* The types shared by the page's modules: a map's state (the handle createMap returns)
 * and a layer's entry in it. Types only. */

/**
 * @typedef {import("./spec.js").MapSpec} MapSpec
 * @typedef {import("./spec.js").LayerSpec} LayerSpec
 * @typedef {import("./spec.js").Tables} Tables
 * @typedef {import("./basemap.js").TileQueue} TileQueue
 * @typedef {import("./basemap.js").DecodedBasemap} DecodedBasemap
 * @typedef {import("./cluster.js").Cluster} Cluster
 * @typedef {import("./content.js").FeatureRef} FeatureRef
 * @typedef {import("./select.js").SelectOptions} SelectOptions
 *
 * @typedef {object} LayerEntry  a layer of the map
 * @property {LayerSpec} spec
 * @property {(L.Layer | null)[]} features  each feature's Leaflet layer (null: no geometry)
 * @property {number[]} types  each feature's shape code
 * @property {L.Layer[]} markers  the points that are clustered
 * @property {L.FeatureGroup} paths  the features drawn as they are
 * @property {L.Layer} layer  what the layer control turns on and off
 * @property {Cluster} [cluster]
 * @property {Set<number>} hidden  the features the year shown or the status filter hides
 * @property {import("./years.js").YearState[]} states  where each feature stands in the
 *   year shown (all years: each as it is)
 * @property {(string | null)[]} drawnStatus  the status each feature is drawn in now
 *
 * @typedef {{name: string, lower: string, id: string, i: number}} SearchEntry
 *
 * @typedef {object} Controls
 * @property {L.Control & {check(id: string): void, update(): void}} [layers]
 * @property {L.Control} [search]
 * @property {L.Control} [title]
 * @property {import("./controls/measure.js").MeasureControl} [measure]
 * @property {L.Control} [fullscreen]
 * @property {import("./controls/share.js").ShareControl} [share]
 * @property {L.Control} [figures]
 * @property {import("./controls/minimap.js").MiniMapControl} [minimap]
 * @property {import("./controls/yearslider.js").YearControl} [years]
 *
 * @typedef {object} MapState  a map made by createMap: its parts, and what tests, tools
 *   and later features use
 * @property {L.Map} map
 * @property {MapSpec} config  the map spec
 * @property {Tables} tables  the spec's tables
 * @property {Record<string, LayerEntry>} layers  by layer id (an object without
 *   prototype: any id is a key)
 * @property {SearchEntry[]} index  feature names for search
 * @property {Array<L.Layer | (() => L.Layer)>} basemaps  the built-in base map, then the
 *   tile servers (a function until first chosen)
 * @property {Controls} controls
 * @property {Record<string, number>} timings  milliseconds (for benchmarks)
 * @property {L.Canvas} renderer  the layers' canvas
 * @property {Array<(open: boolean) => void>} panels  the collapsible panels' setters
 * @property {TileQueue} tiles  base map tiles waiting to be drawn
 * @property {L.Popup | null} popup  the one popup of the map
 * @property {DecodedBasemap | null} base  the base map, once decoded
 * @property {() => void} changed  a layer was turned on or off
 * @property {(i: number) => void} setBasemap  show base map i (0 the built-in one)
 * @property {number} basemapShown  the base map shown (0 the built-in one, then the tile
 *   base maps in order)
 * @property {Set<string>} statusShown  the statuses the status filter shows (by key)
 * @property {(key: string, shown: boolean) => void} showStatus  the status filter: show
 *   or hide the features of a status in every layer
 * @property {Array<{layer: any, style: L.PathOptions, radius?: number}>} hovered  the
 *   parts of the feature drawn bolder under the pointer, and their own look
 * @property {{ref: FeatureRef, halo: L.Layer[]} | null} selected  the selected feature
 *   and its halo
 * @property {(id: string | null, i?: number, options?: SelectOptions) => boolean} select
 *   select a feature by its layer's id and index (null: none), highlight it and open
 *   its popup (unless options.popup is false)
 * @property {() => FeatureRef | null} selection  the selected feature
 * @property {(ref: FeatureRef | null) => void} hover  draw a feature as under the pointer
 * @property {(lng: number, lat: number) => FeatureRef[]} featuresAt  the features drawn
 *   under a place, as a click there finds them
 * @property {(id: string) => number} drawn  features of a layer drawn now (a cluster
 *   counts as its members)
 * @property {(id: string, i: number) => [number, number][]} positions  a feature's drawn
 *   positions as [lng, lat]
 * @property {(id: string, i: number) => L.Popup | null} openPopup  select a feature
 *   and open its popup (null: no such feature)
 * @property {(layer: L.Layer) => number | undefined} featureOf  the feature a drawn
 *   Leaflet layer belongs to
 * @property {import("./labellayer.js").Labels} [labels]  the map's labels
 * @property {import("./permalink.js").Address} [address]  the page's address, which
 *   follows the map (permalink.js)
 * @property {number | null} year  the year the map shows (null: all years, every
 *   feature as it is); set it to show another (main.js: a whole year of `years`; the
 *   map fires "bri:year" with `year`)
 * @property {{first: number, last: number} | null} years  the year slider's years (null:
 *   the layers name no year, and the map has no slider)
 * @property {(id: string) => number[]} drawnFeatures  the features of a layer drawn now,
 *   by index (a clustered point counts where its cluster is drawn)
 */

export {};
