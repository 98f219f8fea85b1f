package sifr.cli;

/** One step of {@code sifr demo}: runs something for real and says in one line what happened. */
interface DemoStep {

    /** What the step shows, e.g. {@code HTTP substrate: heads, headers, cookies, body limits}. */
    String title();

    /** Runs the step; returns one line describing the observed result. Throws if it did not work. */
    String run() throws Exception;
}
