"""One article through the stages: plan, call, finish; the Summarizer, its cache and costs."""
