// OutputSink: one place run results are published to (Tekton results, GitHub outputs, ...).
#pragma once

#include "pipeline/Report.h"
#include "pipeline/ReportJson.h"

namespace signet::pipeline {

class OutputSink {
  public:
    virtual ~OutputSink() = default;
    // Called before the report file is written, so a sink can record in the report what it had
    // to leave out (resultsTruncated).
    virtual void prepare(Report& report) { (void)report; }
    // Called after the report file was written. Throws signet::Error when it cannot publish.
    virtual void publish(const Report& report, const WrittenReport& written) = 0;
};

}  // namespace signet::pipeline
