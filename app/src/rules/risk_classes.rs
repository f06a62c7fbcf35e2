//! How the risk register types a hazard (危险源 / 危险有害因素).
//!
//! Sources (`docs/research.md` §E1; tags as there):
//! - GB 6441-1986《企业职工伤亡事故分类》: the 20 accident classes, numbered as the standard
//!   numbers them [S].
//! - GB/T 13861-2022《生产过程危险和有害因素分类与代码》: the four top classes of factors [S]
//!   (the finer codes were not read, so only the top class is recorded).

crate::text_enum! {
    /// GB 6441-1986's accident classes, in the standard's order (01–20).
    pub enum AccidentClass {
        StruckByObject = "struck_by_object",
        Vehicle = "vehicle",
        Machinery = "machinery",
        Lifting = "lifting",
        Electrocution = "electrocution",
        Drowning = "drowning",
        Burn = "burn",
        Fire = "fire",
        FallFromHeight = "fall_from_height",
        Collapse = "collapse",
        RoofFall = "roof_fall",
        WaterInrush = "water_inrush",
        Blasting = "blasting",
        ExplosivesExplosion = "explosives_explosion",
        GasExplosion = "gas_explosion",
        BoilerExplosion = "boiler_explosion",
        VesselExplosion = "vessel_explosion",
        OtherExplosion = "other_explosion",
        PoisoningAsphyxiation = "poisoning_asphyxiation",
        OtherInjury = "other_injury",
    }
}

impl AccidentClass {
    /// The standard's number of the class (1–20).
    pub fn number(self) -> u8 {
        AccidentClass::ALL
            .iter()
            .position(|c| *c == self)
            .map_or(0, |i| i as u8 + 1)
    }
}

crate::text_enum! {
    /// GB/T 13861-2022's top classes of hazardous and harmful factors (1–4).
    pub enum FactorClass {
        /// 人的因素.
        Human = "human",
        /// 物的因素.
        Material = "material",
        /// 环境因素.
        Environment = "environment",
        /// 管理因素.
        Management = "management",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_classes_keep_the_standards_numbers() {
        assert_eq!(AccidentClass::StruckByObject.number(), 1);
        assert_eq!(AccidentClass::FallFromHeight.number(), 9);
        assert_eq!(AccidentClass::PoisoningAsphyxiation.number(), 19);
        assert_eq!(AccidentClass::OtherInjury.number(), 20);
        for c in AccidentClass::ALL {
            assert_eq!(AccidentClass::parse(c.as_str()), Some(c));
        }
        assert_eq!(FactorClass::ALL.len(), 4);
    }
}
