package io.semisyncsim.reports;

/**
 * The report's three pictures of a run, for a page that shows them growing as the run goes (the lab):
 * the sequence diagram, the semisync status timelines and the commit latency chart, drawn by the same
 * classes as the report page on one shared time axis, each a self-contained inline SVG.
 */
public record LivePictures(String sequence, String timelines, String latency, long marks, String omitted) {

    /** Draws {@code r} (its story is a snapshot of the run so far, or the finished run's). */
    public static LivePictures of(RunReport r) {
        Story story = r.story();
        SequenceSvg sequence = new SequenceSvg(story);
        Story.Omitted omitted = story.omitted();
        return new LivePictures(sequence.render(r.samples()), Timelines.render(r.samples(), story, sequence.axis()),
                LatencyChart.render(r.latency(), sequence.axis()), story.items().size(),
                omitted.total() > 0 ? omitted.parts() : "");
    }

    /** The legend the report page shows above the sequence diagram (HTML). */
    public static String legend() {
        return HtmlReport.legend();
    }
}
