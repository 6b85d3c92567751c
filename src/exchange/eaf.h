#pragma once
// ELAN annotation documents (EAF 3.0): one tier per reviewer and a talk-time tier.

#include <string>

#include "exchange/export_data.h"

namespace ll::exchange {

// Annotations on one ELAN tier may not overlap, so a reviewer whose comments overlap gets
// further tiers ("Ana", "Ana 2"). Point comments last one second (ELAN has no points).
std::string toEaf(const ExportData& data);

}  // namespace ll::exchange
